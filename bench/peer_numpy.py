#!/usr/bin/env python3
"""The NumPy peer of the C engine: the deterrence model of src/lib/mc/model.c
and the draw loop of src/lib/mc/run.c, vectorised over draws.

This is the implementation an analyst would otherwise write: it reads the
compiled model (`build/bench/gr_bench model ARR CASE` prints it as JSON)
and simulates, for every draw, what model.c does with it: the aggressor
weighs each open option (gr__weigh), takes the best one when its value
plus the decision noise beats not attacking (gr__choose), and, when it
attacks, the obligations acting on that option are honoured or not, their
help arrives or does not in time, and the attack succeeds or fails
(gr__fight). The same case with no guarantee (no obligation, the protected
state's forces before any cap) is run on the same draws, as run.c does,
for the paired "fewer attacks" and "fewer successful attacks".

It uses numpy.random.Generator(Philox) and does not reproduce the C
engine's random numbers, only their distributions, so the two agree on
every probability within Monte Carlo error, not draw for draw. Within the
peer, the case and its no-guarantee twin share each draw's parameters,
decision error and battle number, as in the engine (common random
numbers), so the paired differences have the engine's small variance.

Draws are processed in chunks (--chunk, default 65536 = 2^16, the C
engine's batch): every array is one value per draw of the chunk, so memory
is bounded by the chunk, not by --draws. No Python loop runs over draws;
the loops are over parameters, options and obligations.

    gr_bench model coalition-2025 offensive-zaporizhzhia > model.json
    python3 bench/peer_numpy.py model.json --draws 500000

prints one JSON line with the counts and their 95% intervals, as
`gr_bench engine` does (the simulation only is timed, not reading the
model).

Needs NumPy only (Debian: apt-get install python3-numpy).
"""
import argparse
import json
import math
import sys
import time

import numpy as np

# ---- The tables of model.c ----------------------------------------------------
# Parameter ids are those of src/lib/model/params.h / data/parameters.yaml.

# Logit shifts by legal form, activation and commitment; a missing key is the
# reference category (shift 0): treaty_ratified, automatic, firm/declined.
LEGAL_SHIFT = {
    "political_declaration": "legal_political_declaration",
    "memorandum": "legal_memorandum",
    "executive_agreement": "legal_executive_agreement",
    "treaty_signed": "legal_treaty_signed",
}
ACTIVATION_SHIFT = {
    "after_consultation": "act_after_consultation",
    "discretionary": "act_discretionary",
    "consensus": "act_consensus",
    "by_body": "act_by_body",
}
COMMITMENT_SHIFT = {
    "willing": "commit_willing",
    "conditional": "commit_conditional",
    "undecided": "commit_undecided",
}
FLAG_SHIFT = (("tripwire", "tripwire_shift"), ("approval", "approval_shift"), ("nuclear", "nuclear_shift"))
SAID_SHIFT = {2: "said_refuses_shift", 1: "said_reluctant_shift"}

# Per obligation kind (model.c gr__kinds[]): the cost shift, the defence
# factor it multiplies by (or None), its punishment class (or None), the
# parameter of its deployment delay, and whether its money buys defence.
KINDS = {
    "consultation": ("cost_consultation_shift", None, None, "delay_fast_days", False),
    "sanctions": ("cost_other_shift", None, "sanctions", "delay_sanctions_days", False),
    "economic_aid": ("cost_other_shift", None, "support", "delay_supply_days", False),
    "intelligence_sharing": ("cost_other_shift", "intelligence_factor", None, "delay_fast_days", False),
    "training": ("cost_other_shift", "training_factor", "support", "delay_supply_days", False),
    "arms_supply": ("cost_supply_shift", None, "support", "delay_supply_days", True),
    "air_defence_supply": ("cost_supply_shift", "air_defence_factor", "support", "delay_supply_days", False),
    "naval_presence": ("cost_presence_shift", "naval_factor", "military", "delay_intervention_days", False),
    "air_cover": ("cost_combat_shift", "air_cover_factor", "military", "delay_fast_days", False),
    "reassurance_force": ("cost_combat_shift", None, "military", "delay_fast_days", False),
    "military_intervention": ("cost_combat_shift", None, "military", "delay_intervention_days", False),
    "ceasefire_monitoring": ("cost_consultation_shift", None, None, "delay_fast_days", False),
    "logistics": ("cost_supply_shift", None, "support", "delay_supply_days", False),
    "prepositioned_stocks": ("cost_supply_shift", None, "support", "delay_fast_days", True),
    "fortification_support": ("cost_other_shift", None, "support", "delay_supply_days", False),
    "force_financing": ("cost_other_shift", None, "support", "delay_supply_days", True),
}
# Kinds whose honour is no help: talk, and monitors who report, not fight.
NO_HELP = ("consultation", "ceasefire_monitoring")

# The defence factors, in model.c's slot order (gr__factor_params).
FACTORS = ("intelligence_factor", "training_factor", "air_defence_factor", "naval_factor", "air_cover_factor")

# The aggressor's options (model.c gr__options[]): force share (ground only),
# gain, cost, how the option is fought.
OPTIONS = ("probe", "strike", "blockade", "offensive", "invasion")
OPTION_ROWS = {
    "probe": ("attack_share_limited", "gain_probe", "cost_probe", "ground"),
    "strike": (None, "gain_strike", "cost_strike", "strike"),
    "blockade": (None, "gain_blockade", "cost_blockade", "blockade"),
    "offensive": ("attack_share_major", "gain_offensive", "cost_offensive", "ground"),
    "invasion": ("attack_share_massive", "gain", "war_cost", "ground"),
}

HIST_DAYS = 731  # Days 0..729 to the first help, and 730+ (as mc.h).
MAX_HOLD = 3650.0  # The longest a defence holds, in days (gr__hold_days).
DAYS_DOMAIN = (0.0, 36525.0)  # Where a delay lies (params.h, GR__DOM_DAYS).
Z95 = 1.959964  # The z of run.c's 95% intervals.


def wilson(k, n, z=Z95):
    """Wilson score interval of k successes in n trials (src/lib/mc/stats.c)."""
    if n == 0:
        return (math.nan, math.nan)
    p = k / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z / (1 + z2 / n) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return (max(0.0, centre - half), min(1.0, centre + half))


def paired(only_this, only_base, n, z=Z95):
    """base - this of two proportions on the same n draws, from the
    discordant counts, with the paired Wald interval (run.c paired())."""
    if n == 0:
        return (math.nan, math.nan, math.nan)
    b, c = float(only_this), float(only_base)
    est = (c - b) / n
    var = (b + c - (c - b) ** 2 / n) / (n * n)
    h = z * math.sqrt(max(var, 0.0))
    return (est, est - h, est + h)


def sigmoid(x):
    """1 / (1 + exp(-x)) on a fresh array (or a float)."""
    if np.ndim(x) == 0:
        return 1.0 / (1.0 + math.exp(-x))
    out = np.negative(x)
    np.exp(out, out=out)
    out += 1.0
    np.reciprocal(out, out=out)
    return out


def sub(v, idx):
    """v restricted to the draws idx (a fixed parameter is a plain float)."""
    return v if np.ndim(v) == 0 else v[idx]


def p_success(s, d, theta, idx=slice(None)):
    """P(a ground attack s succeeds against defence d) (gr__p_success): 1
    when there is no defence; the attack s is always positive here."""
    x = s / (np.maximum(d, 1e-300) * sub(theta["force_ratio_threshold"], idx))
    np.log(x, out=x)
    x *= sub(theta["success_slope"], idx)
    p = sigmoid(x)
    p[d <= 0] = 1.0
    return p


def hold_days(s, d, theta, idx=slice(None)):
    """The days defence d holds against attack s (gr__hold_days): 0 with no
    defence, at most MAX_HOLD."""
    t = s / (np.maximum(d, 1e-300) * sub(theta["force_ratio_threshold"], idx))
    np.power(t, np.negative(sub(theta["hold_elasticity"], idx)), out=t)
    t *= sub(theta["hold_days"], idx)
    np.minimum(t, MAX_HOLD, out=t)
    t[d <= 0] = 0.0
    return t


# ---- Parameters -------------------------------------------------------------

class Theta:
    """The parameter vector of a chunk of draws: one array per parameter,
    drawn on first use (a fixed parameter is a plain float), so only the
    parameters this case's model reads are drawn. With draw_all, every
    uncertain parameter but the delays is drawn up front, as model.c's
    gr__sample_theta() does (it draws the whole vector so that every
    arrangement of a run sees the same one)."""

    def __init__(self, params, rng, m, draw_all=False):
        self.params, self.rng, self.m, self.cache = params, rng, m, {}
        if draw_all:
            for pid in params:
                if not pid.startswith("delay_"):  # Delays are drawn per obligation in a fight.
                    self[pid]

    def __getitem__(self, pid):
        v = self.cache.get(pid)
        if v is None:
            v = self.cache[pid] = draw(self.params[pid], self.rng, self.m)
        return v


def draw(p, rng, m):
    """m draws of parameter p (a record of the model JSON), as dist.c."""
    d = p["distribution"]
    if d == "fixed":
        return float(p["value"])
    if d == "beta":
        return rng.beta(p["a"], p["b"], m)
    if d == "normal":
        return rng.normal(p["mean"], p["sd"], m)
    if d == "lognormal":
        return rng.lognormal(p["mu"], p["sigma"], m)
    if d == "uniform":
        return rng.uniform(p["min"], p["max"], m)
    if d == "triangular":
        return rng.triangular(p["min"], p["mode"], p["max"], m)
    raise ValueError(f"parameter {p['id']}: unknown distribution {d!r}")


# ---- The model --------------------------------------------------------------

class Case:
    """A compiled case: the arrangement's obligations with their covariates
    and the forces on both sides; with bare=True, the same case with no
    guarantee at all (gr__carr_bare: no obligation, no force cap)."""

    def __init__(self, js, bare=False):
        self.params = {p["id"]: p for p in js["params"]}
        self.aggressor = float(js["aggressor_personnel"])
        self.protected = float(js["protected_uncapped" if bare else "protected_personnel"])
        self.post1945 = bool(js["post1945"])
        self.available = [o for o in OPTIONS if o in js["available"]]
        self.obs = [] if bare else js["obligations"]
        self.nguarantors = 0 if bare else int(js["guarantors"])
        for o in self.obs:
            if o["kind"] not in KINDS:
                raise ValueError(f"unknown obligation kind {o['kind']!r}")
        # Help in place before any decision: delivered (standing) or
        # stationed where the attack falls (engaged).
        self.in_place = [o for o in self.obs if o["standing"] or o["engaged"]]
        # Per option, the obligations the trigger engine lets act on it and
        # that are not already delivered, by their index; the honour of
        # the others is never read.
        self.acting = {opt: [i for i, o in enumerate(self.obs) if opt in o["acts"] and not o["standing"]]
                       for opt in OPTIONS}
        self.read = sorted({i for opt in self.available for i in self.acting[opt]})
        # The factors delivered before the attack (gr__standing_slots): each
        # multiplies the defence once, however many deliver it, and help
        # sent does not multiply it again.
        self.stood = {KINDS[o["kind"]][1] for o in self.obs if o["standing"]} - {None}
        self.any_engaged = any(o["engaged"] for o in self.obs)

    # -- The pieces of gr__weigh and gr__fight, per obligation ----------------

    def honour_logits(self, theta):
        """The log-odds that each obligation is honoured (gr__honour_logit),
        one array (or float) per obligation whose honour is read (those
        acting on an open option), by index."""
        if not self.read:
            return {}
        hb = np.clip(theta["honour_base"], 1e-12, 1 - 1e-12)
        base = np.log(hb / (1.0 - hb)) - theta["cost_combat_shift"]
        if self.post1945:
            base = base + theta["honour_post_1945_shift"]
        out = {}
        for i in self.read:
            o = self.obs[i]
            logit = base + theta[KINDS[o["kind"]][0]]  # A fresh array: the shifts below add in place.
            for table, key in ((LEGAL_SHIFT, "legal_form"), (ACTIVATION_SHIFT, "activation"),
                               (COMMITMENT_SHIFT, "commitment")):
                if o[key] in table:
                    logit += theta[table[o[key]]]
            for flag, pid in FLAG_SHIFT:
                if o[flag]:
                    logit += theta[pid]
            if o["said"] in SAID_SHIFT:
                logit += theta[SAID_SHIFT[o["said"]]]
            out[i] = logit
        return out

    @staticmethod
    def addition(o, theta):
        """Troop-equivalents o adds to the defence when it fights
        (gr__addition), or None for kinds that add nothing."""
        k = o["kind"]
        if KINDS[k][4]:
            musd = o["value"] if o["value"] >= 0 else theta["arms_default_musd"]
            years = theta["arms_years"] if o["standing"] else 1.0
            return musd / 1000.0 * years * theta["arms_troops_per_busd"]
        if k == "reassurance_force":
            stay = 1.0 if o["engaged"] else theta["reserve_share"]
            return o["troops"] * theta["guarantor_quality"] * stay
        if k == "military_intervention":
            troops = o["troops"] if o["troops"] > 0 else o["guarantor_personnel"] * theta["intervention_share"]
            return troops * theta["guarantor_quality"]
        return None

    @staticmethod
    def punishment(o, theta):
        """(class, value) of the punishment o threatens, or None."""
        pc = KINDS[o["kind"]][2]
        if pc is None:
            return None
        if pc == "military":
            v = theta["punish_military"] * o["weight"]
            return pc, v * theta["nuclear_punishment_factor"] if o["guarantor_nuclear"] else v
        if pc == "sanctions":
            return pc, theta["punish_sanctions"] * o["weight"]
        return pc, theta["punish_support"]

    def defence_in_place(self, opt, theta):
        """The defence before any decision (gr__defence_in_place): the
        protected state's share, the forces stationed where the attack
        falls, what was delivered (with its factors); a probe meets a local
        share of it."""
        d = self.protected * theta["defence_share"]
        for o in self.in_place:
            a = self.addition(o, theta)
            if a is not None:
                d = d + a
        for f in FACTORS:
            if f in self.stood:
                d = d * theta[f]
        if opt == "probe":
            d = d * theta["probe_local_share"]
        return np.broadcast_to(d, (theta.m,)) if np.ndim(d) == 0 else d

    # -- The decision ------------------------------------------------------------

    def weigh(self, theta, logits):
        """gr__weigh: per open option, its value to the aggressor (an array
        over draws), and the defence in place of the ground options."""
        m = theta.m
        perceived = {}  # Obligation index -> perceived honour probability.
        values, d0s = {}, {}
        for opt in self.available:
            share, gain, cost, fight = OPTION_ROWS[opt]
            pun = {}  # (guarantor, class) -> the largest perceived punishment, from 0.
            fac = {}  # Factor -> the largest perceived honour of help bringing it.
            help_ = 0.0
            if fight == "ground":
                d0 = d0s[opt] = self.defence_in_place(opt, theta)
                s = self.aggressor * theta[share] * theta["aggressor_optimism"]
                hold = hold_days(s, d0, theta)
            for i in self.acting[opt]:
                o = self.obs[i]
                pt = perceived.get(i)
                if pt is None:
                    pt = perceived[i] = sigmoid(logits[i] + theta["perception_bias"])
                cv = self.punishment(o, theta)
                if cv is not None:
                    key = (o["guarantor"], cv[0])
                    pun[key] = np.maximum(pun.get(key, 0.0), pt * cv[1])
                f = KINDS[o["kind"]][1]
                if fight == "ground":
                    if o["engaged"]:
                        continue  # Already in d0.
                    in_time = o["mean_delay"] <= hold  # The mean delay against the days it holds.
                    a = self.addition(o, theta)
                    if a is not None:
                        help_ = help_ + np.where(in_time, pt * a, 0.0)
                    if f is not None:
                        fac[f] = np.maximum(fac.get(f, 0.0), np.where(in_time, pt, 0.0))
                elif f is not None:
                    fac[f] = np.maximum(fac.get(f, 0.0), pt)
            for f in self.stood:
                fac.pop(f, None)  # Already in place: help sent does not multiply it again.
            if fight == "ground":
                # A probe meets the same local share of the help as of the
                # defence in place.
                d = d0 + (help_ * theta["probe_local_share"] if opt == "probe" else help_)
                for f in FACTORS:
                    if f in fac:
                        d = d * (1.0 + (theta[f] - 1.0) * fac[f])
                success = p_success(s, d, theta)
            elif fight == "strike":
                adf = theta["air_defence_factor"]
                ad = adf if "air_defence_factor" in self.stood else 1.0
                if "air_defence_factor" in fac:
                    ad = ad * (1.0 + (adf - 1.0) * fac["air_defence_factor"])
                if "air_cover_factor" in fac:
                    ad = ad * (1.0 + (theta["air_cover_factor"] - 1.0) * fac["air_cover_factor"])
                success = theta["strike_success"] / ad
            else:
                contest = np.maximum(fac.get("naval_factor", 0.0), fac.get("air_cover_factor", 0.0))
                if self.stood & {"naval_factor", "air_cover_factor"}:
                    contest = 1.0
                success = theta["blockade_success"] * (1.0 - theta["blockade_break"] * contest)
            value = theta[gain] * success - theta[cost]
            for v in pun.values():
                value = value - v
            values[opt] = np.broadcast_to(value, (m,))
        return values, d0s

    def choose(self, values, theta, eps):
        """gr__choose: the index (into self.available) of the option taken,
        or -1 for no attack: the open option of largest value (the first of
        equal ones), taken when its value plus noise x eps is positive."""
        v = np.stack([values[o] for o in self.available])
        best = np.argmax(v, axis=0)
        vbest = np.take_along_axis(v, best[None, :], axis=0)[0]
        return np.where(vbest + theta["decision_noise"] * eps > 0, best, -1)

    # -- The attack --------------------------------------------------------------

    def arrival(self, o, rng, n):
        """Days until o's help arrives, if honoured, for n draws: the
        decision (none for an automatic promise; a stated deadline; else
        the consultation or discretion delay), then the deployment."""
        act = o["activation"]
        if act == "automatic":
            t = 0.0
        elif act == "after_consultation" and o["deadline"] > 0:
            t = float(o["deadline"])
        elif act == "discretionary":
            t = np.clip(draw(self.params["delay_discretion_days"], rng, n), *DAYS_DOMAIN)
        else:
            t = np.clip(draw(self.params["delay_consultation_days"], rng, n), *DAYS_DOMAIN)
        return t + np.clip(draw(self.params[KINDS[o["kind"]][3]], rng, n), *DAYS_DOMAIN)

    def fight(self, opt, idx, theta, logits, d0s, u_battle, rng, counts):
        """gr__fight for the draws idx, where the aggressor takes option
        opt: who honours, when help comes, whether the attack succeeds. A
        boolean array: succeeded. Counts into counts (None: not counted)."""
        n = len(idx)
        share, _, _, fight = OPTION_ROWS[opt]
        if fight == "ground":
            d0 = d0s[opt][idx]
            s = self.aggressor * sub(theta[share], idx)  # The real force, not the optimistic one.
            hold = hold_days(s, d0, theta, idx)
        help_ = np.zeros(n)
        fac = {}  # Factor -> draws where help bringing it arrived in time.
        # Days to the first help: a force stationed where a ground attack
        # falls helps from day 0 (against a strike or a blockade it does nothing).
        first = np.full(n, 0.0 if self.any_engaged and fight == "ground" else np.inf)
        g_honours = np.zeros((self.nguarantors, n), dtype=bool) if counts is not None else None
        for i in self.acting[opt]:
            o = self.obs[i]
            hon = np.flatnonzero(rng.random(n) < sigmoid(sub(logits[i], idx)))
            if counts is not None:
                counts["acted"][i] += n
                counts["ob"][i] += len(hon)
            if o["kind"] in NO_HELP or len(hon) == 0:
                continue
            if g_honours is not None:
                g_honours[o["guarantor"], hon] = True
            if o["engaged"]:
                first[hon] = 0.0  # Already fighting: its honour is the decision to escalate.
                continue
            t = self.arrival(o, rng, len(hon))
            first[hon] = np.minimum(first[hon], t)
            came = hon[t <= hold[hon]] if fight == "ground" else hon  # A strike or blockade lasts.
            a = self.addition(o, theta)
            if a is not None:
                help_[came] += sub(a, idx)[came] if np.ndim(a) else a
            f = KINDS[o["kind"]][1]
            if f is not None:
                fac.setdefault(f, np.zeros(n, dtype=bool))[came] = True
        if fight == "ground":
            if opt == "probe":
                help_ *= sub(theta["probe_local_share"], idx)
            d = d0 + help_
            for f in FACTORS:
                if f in fac and f not in self.stood:
                    d = d * np.where(fac[f], sub(theta[f], idx), 1.0)
            p = p_success(s, d, theta, idx)
        elif fight == "strike":
            ad = 1.0
            for f in ("air_defence_factor", "air_cover_factor"):
                if f in self.stood:
                    ad = ad * sub(theta[f], idx)
                elif f in fac:
                    ad = ad * np.where(fac[f], sub(theta[f], idx), 1.0)
            p = sub(theta["strike_success"], idx) / ad
        else:
            contested = np.full(n, bool(self.stood & {"naval_factor", "air_cover_factor"}))
            for f in ("naval_factor", "air_cover_factor"):
                if f in fac:
                    contested |= fac[f]
            p = sub(theta["blockade_success"], idx) * np.where(contested, 1.0 - sub(theta["blockade_break"], idx), 1.0)
        succeeded = u_battle[idx] < p
        if counts is not None:
            counts["g"] += g_honours.sum(axis=1)
            counts["holds"] += n - int(np.count_nonzero(succeeded))
            helped = np.isfinite(first)
            counts["helped"] += int(np.count_nonzero(helped))
            days = np.minimum(np.floor(first[helped]), HIST_DAYS - 1).astype(np.int64)
            counts["hist"] += np.bincount(days, minlength=HIST_DAYS)
        return succeeded


def attack_and_success(case, theta, eps, u_battle, rng, counts):
    """One chunk of one case: the option each draw takes (-1: none, else an
    index into case.available) and whether the attack succeeds."""
    logits = case.honour_logits(theta)
    values, d0s = case.weigh(theta, logits)
    choice = case.choose(values, theta, eps)
    succeeds = np.zeros(theta.m, dtype=bool)
    for k, opt in enumerate(case.available):
        idx = np.flatnonzero(choice == k)
        if len(idx):
            succeeds[idx] = case.fight(opt, idx, theta, logits, d0s, u_battle, rng, counts)
            if counts is not None:
                counts["chosen"][opt] += len(idx)
    return choice, succeeds


def simulate(js, draws, chunk, seed, draw_all=False):
    """Run `draws` draws in chunks of at most `chunk`; the counts, named as
    run.c's gr__counts."""
    case, bare = Case(js), Case(js, bare=True)
    rng = np.random.Generator(np.random.Philox(seed))
    counts = {"draws": 0, "deterred": 0, "attacks": 0, "succeeds": 0, "holds": 0, "helped": 0,
              "base_attacks": 0, "both_attack": 0, "base_succeeds": 0, "both_succeed": 0,
              "chosen": {o: 0 for o in OPTIONS}, "ob": [0] * len(case.obs), "acted": [0] * len(case.obs),
              "g": np.zeros(case.nguarantors, dtype=np.int64), "hist": np.zeros(HIST_DAYS, dtype=np.int64)}
    done = 0
    while done < draws:
        m = min(chunk, draws - done)
        theta = Theta(case.params, rng, m, draw_all)
        eps = rng.logistic(0.0, 1.0, m)  # The decision error (gr__sample_choice), shared by both.
        u_battle = rng.random(m)  # The battle's number, shared by both.
        base_choice, base_ok = attack_and_success(bare, theta, eps, u_battle, rng, None)
        choice, ok = attack_and_success(case, theta, eps, u_battle, rng, counts)
        attacks, base_attacks = choice >= 0, base_choice >= 0
        na = int(np.count_nonzero(attacks))
        counts["draws"] += m
        counts["attacks"] += na
        counts["deterred"] += m - na
        counts["succeeds"] += int(np.count_nonzero(ok))
        counts["base_attacks"] += int(np.count_nonzero(base_attacks))
        counts["both_attack"] += int(np.count_nonzero(attacks & base_attacks))
        counts["base_succeeds"] += int(np.count_nonzero(base_ok))
        counts["both_succeed"] += int(np.count_nonzero(ok & base_ok))
        done += m
    return counts


def replay(js, weighed):
    """The peer's weighing on the engine's own draws: `weighed` is the JSON
    of `gr_bench weigh ARR CASE N` (the engine's parameter vectors, decision
    errors, option values and choices). Returns the largest relative
    difference of an option's value, and the number of draws where the two
    choose differently, over both the case and its no-guarantee twin."""
    params = weighed["params"]
    draws = weighed["draws"]
    m = len(draws)
    theta = Theta({}, None, m)
    th = np.array([d["theta"] for d in draws])
    for j, pid in enumerate(params):
        theta.cache[pid] = th[:, j]
    eps = np.array([d["eps"] for d in draws])
    worst, differ = 0.0, 0
    for name, case in (("bare", Case(js, bare=True)), ("case", Case(js))):
        values, _ = case.weigh(theta, case.honour_logits(theta))
        for opt in case.available:
            want = np.array([d[name][opt] for d in draws])
            rel = np.abs(values[opt] - want) / np.maximum(np.abs(want), 1e-12)
            worst = max(worst, float(rel.max()))
        choice = case.choose(values, theta, eps)
        names = np.array(["none"] + case.available)[choice + 1]
        differ += int(np.count_nonzero(names != np.array([d[f"{name}_choice"] for d in draws])))
    return worst, differ


def hist_quantile(hist, q):
    """The q-quantile of the days-to-help histogram: the observation of
    0-based rank ceil(n*q) - 1, as stats.c gr__hist_quantile."""
    n = int(hist.sum())
    if n == 0:
        return math.nan
    r = max(0, math.ceil(n * q) - 1)
    return float(np.searchsorted(np.cumsum(hist), r, side="right"))


def blas_info():
    """The BLAS library and kernel NumPy loaded, when threadpoolctl is there
    (the peer calls no BLAS routine: this is for the record only)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return None
    return [{k: i.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
            for i in threadpool_info() if i.get("user_api") == "blas"]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model", help="the model JSON of `gr_bench model ARR CASE` ('-': standard input)")
    ap.add_argument("--draws", type=int, default=500000, help="draws (default 500000)")
    ap.add_argument("--chunk", type=int, default=65536, help="draws per chunk (default 65536)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the Philox generator (default 1)")
    ap.add_argument("--draw-all", action="store_true",
                    help="draw every uncertain parameter (not only those the model reads), as the C engine does")
    args = ap.parse_args(argv)
    if args.draws <= 0 or args.chunk <= 0:
        ap.error("--draws and --chunk must be positive")
    with (sys.stdin if args.model == "-" else open(args.model)) as fp:
        js = json.load(fp)

    t0 = time.perf_counter()
    c = simulate(js, args.draws, args.chunk, args.seed, args.draw_all)
    seconds = time.perf_counter() - t0

    n = c["draws"]
    r6 = lambda x: None if math.isnan(x) else round(x, 6)  # noqa: E731
    out = {"draws": n, "seconds": round(seconds, 6), "chunk": args.chunk, "seed": args.seed}
    for key, k, of in (("attack", c["attacks"], n), ("succeeds", c["succeeds"], n),
                       ("deterred", c["deterred"], n), ("holds", c["holds"], c["attacks"])):
        lo, hi = wilson(k, of)
        out.update({key if key != "attack" else "attacks": k, f"{key}_lo": r6(lo), f"{key}_hi": r6(hi)})
    out.update({"base_attacks": c["base_attacks"], "base_succeeds": c["base_succeeds"],
                "both_attack": c["both_attack"], "both_succeed": c["both_succeed"]})
    for key, this, base, both in (("fewer_attacks", c["attacks"], c["base_attacks"], c["both_attack"]),
                                  ("fewer_successes", c["succeeds"], c["base_succeeds"], c["both_succeed"])):
        est, lo, hi = paired(this - both, base - both, n)
        out.update({key: r6(est), f"{key}_lo": r6(lo), f"{key}_hi": r6(hi)})
    out.update({
        "chosen": c["chosen"], "helped": c["helped"],
        "help_median_days": hist_quantile(c["hist"], 0.5),
        "help_p90_days": hist_quantile(c["hist"], 0.9),
        "honoured": c["ob"], "acted": c["acted"], "honours_any": c["g"].tolist(),
        "draw_all": args.draw_all, "numpy": np.__version__, "blas": blas_info(),
    })
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
