#!/usr/bin/env python3
"""The NumPy peer of the C engine: the deterrence model of src/lib/sim.c,
vectorised over draws.

This is the implementation an analyst would otherwise write: it reads the
compiled model (`build/bench/gr_bench model ARR EVENT` prints it as JSON)
and simulates the same model as sim.c's decide() (does the aggressor
attack?) and fight() (who honours, does the defence hold, when does help
come), with numpy.random.Generator(Philox). It does not reproduce the C
engine's random numbers, only their distributions, so the two agree on
every probability within Monte Carlo error, not draw for draw.

Draws are processed in chunks (--chunk, default 65536 = 2^16, the C
engine's batch), so memory is bounded by the chunk, not by --draws (about
60 MiB in all at the default; 1,000,000-draw chunks take about 440 MiB and
run no faster here: the arrays then no longer fit in the caches).

    gr_bench model coalition-2025 offensive-zaporizhzhia > model.json
    python3 bench/peer_numpy.py model.json --draws 500000

prints one JSON line: draws, seconds (the simulation only, not reading
the model), P(deterred) as a count with its Wilson 95% bounds, and holds
out of attacks (with bounds), as `gr_bench engine` does.

Needs NumPy only (Debian: apt-get install python3-numpy).
"""
import argparse
import json
import math
import sys
import time

import numpy as np

# ---- The tables of sim.c ----------------------------------------------------
# Parameter ids are those of src/lib/model_params.h / data/parameters.yaml.

# Logit shift by legal form, activation and commitment; a missing key is the
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

# Per obligation kind (sim.c `kinds[]`): the cost shift, the defence factor it
# multiplies by (or None), its punishment class (or None) and the parameter of
# its deployment delay.
KINDS = {
    "consultation": ("cost_consultation_shift", None, None, "delay_fast_days"),
    "sanctions": ("cost_other_shift", None, "sanctions", "delay_sanctions_days"),
    "economic_aid": ("cost_other_shift", None, "support", "delay_supply_days"),
    "intelligence_sharing": ("cost_other_shift", "intelligence_factor", None, "delay_fast_days"),
    "training": ("cost_other_shift", "training_factor", "support", "delay_supply_days"),
    "arms_supply": ("cost_supply_shift", None, "support", "delay_supply_days"),
    "air_defence_supply": ("cost_supply_shift", "air_defence_factor", "support", "delay_supply_days"),
    "naval_presence": ("cost_presence_shift", "naval_factor", "military", "delay_intervention_days"),
    "air_cover": ("cost_combat_shift", "air_cover_factor", "military", "delay_fast_days"),
    "reassurance_force": ("cost_combat_shift", None, "military", "delay_fast_days"),
    "military_intervention": ("cost_combat_shift", None, "military", "delay_intervention_days"),
}

# The punishment classes and the parameter each one reads.
PUNISH_PARAM = {
    "military": "punish_military",
    "sanctions": "punish_sanctions",
    "support": "punish_support",
}

HIST_DAYS = 731  # Days 0..729 to the first help, and 730+ (as sim.c).
Z95 = 1.959964  # The z of sim.c's 95% Wilson intervals.


def wilson(k, n, z=Z95):
    """Wilson score interval of k successes in n trials (src/lib/stats.c)."""
    if n == 0:
        return (math.nan, math.nan)
    p = k / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z / (1 + z2 / n) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return (max(0.0, centre - half), min(1.0, centre + half))


def sigmoid(x):
    """1 / (1 + exp(-x)), in place on a fresh array (or a float)."""
    if np.ndim(x) == 0:
        return 1.0 / (1.0 + math.exp(-x))
    out = np.negative(x)
    np.exp(out, out=out)
    out += 1.0
    np.reciprocal(out, out=out)
    return out


def p_success(s, d, theta):
    """P(the attack succeeds) at force ratio s/d (sim.c p_success); d > 0
    always holds here (personnel and defence shares are positive)."""
    x = np.log(s / d) - np.log(theta["force_ratio_threshold"])
    x *= theta["success_slope"]
    return sigmoid(x)


# ---- Parameters -------------------------------------------------------------

class Theta:
    """The parameter vector of a chunk of draws: one array per parameter,
    drawn on first use (a fixed parameter is a plain float), so only the
    parameters this arrangement's model reads are drawn. With draw_all,
    every uncertain parameter but the delays is drawn up front, as sim.c's
    sample_theta() does (it draws the whole vector so that every
    arrangement of a run sees the same one)."""

    def __init__(self, params, rng, m, draw_all=False):
        self.params, self.rng, self.m, self.cache = params, rng, m, {}
        if draw_all:
            for pid in params:
                if not pid.startswith("delay_"):  # Delays are drawn per obligation in fight().
                    self[pid]

    def __getitem__(self, pid):
        v = self.cache.get(pid)
        if v is None:
            v = self.cache[pid] = draw(self.params[pid], self.rng, self.m)
        return v

    def take(self, idx):
        """The same draws restricted to the indices idx (the attack draws)."""
        sub = Theta(self.params, self.rng, len(idx))
        for pid, v in self.cache.items():
            sub.cache[pid] = v if np.isscalar(v) else v[idx]
        return sub


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

class Model:
    """The compiled arrangement: the acting obligations and their covariates."""

    def __init__(self, js):
        self.params = {p["id"]: p for p in js["params"]}
        self.aggressor = float(js["aggressor_personnel"])
        self.protected = float(js["protected_personnel"])
        self.share = js["attack_share"]  # The attack_share_* parameter of the event's scale.
        self.nguarantors = int(js["guarantors"])
        # Obligations that do not act on this event count nowhere (sim.c skips them).
        self.obs = [o for o in js["obligations"] if o["acting"]]
        for o in self.obs:
            if o["kind"] not in KINDS:
                raise ValueError(f"unknown obligation kind {o['kind']!r}")
        # The defence factors, each multiplied in once (sim.c factor slots).
        self.factors = sorted({KINDS[o["kind"]][1] for o in self.obs} - {None})

    def honour_logit(self, o, theta, base):
        """The log-odds that o is honoured (sim.c honour_logit); `base` is
        logit(honour_base) - cost_combat_shift."""
        kind = KINDS[o["kind"]]
        logit = base + theta[kind[0]]
        for table, key in ((LEGAL_SHIFT, "legal_form"), (ACTIVATION_SHIFT, "activation"),
                           (COMMITMENT_SHIFT, "commitment")):
            if o[key] in table:
                logit = logit + theta[table[o[key]]]
        for flag, pid in (("tripwire", "tripwire_shift"), ("approval", "approval_shift"),
                          ("nuclear", "nuclear_shift")):
            if o[flag]:
                logit = logit + theta[pid]
        if o["own"] == 2:
            logit = logit + theta["own_veto_shift"]
        elif o["own"] == 1:
            logit = logit + theta["own_objection_shift"]
        return logit

    @staticmethod
    def addition(o, theta):
        """Troop-equivalents o adds to the defence if honoured (sim.c
        addition), or None for kinds that add nothing."""
        k = o["kind"]
        if k == "reassurance_force":
            stay = 1.0 if o["engaged"] else theta["reserve_share"]
            return o["troops"] * theta["guarantor_quality"] * stay
        if k == "military_intervention":
            troops = o["troops"] if o["troops"] > 0 else o["guarantor_personnel"] * theta["intervention_share"]
            return troops * theta["guarantor_quality"]
        if k == "arms_supply":
            musd = o["value"] if o["value"] >= 0 else theta["arms_default_musd"]
            return musd / 1000.0 * theta["arms_years"] * theta["arms_troops_per_busd"]
        return None

    def decide(self, theta, m):
        """sim.c decide(): a boolean array, True where the aggressor attacks,
        and the honour log-odds of every acting obligation (for fight)."""
        hb = theta["honour_base"]
        base = np.log(hb / (1.0 - hb)) - theta["cost_combat_shift"]
        add = np.zeros(m)
        fac = {f: np.zeros(m) for f in self.factors}  # Max perceived honour per factor.
        pun = {}  # (guarantor, class) -> max perceived punishment.
        logits = []
        for o in self.obs:
            logit = self.honour_logit(o, theta, base)
            logits.append(logit)
            pt = sigmoid(logit + theta["perception_bias"])  # Perceived honour probability.
            a = self.addition(o, theta)
            if a is not None:
                add += pt * a
            kind = KINDS[o["kind"]]
            if kind[1] is not None:
                np.maximum(fac[kind[1]], pt, out=fac[kind[1]])
            if kind[2] is not None:
                v = theta[PUNISH_PARAM[kind[2]]]
                if kind[2] == "military":
                    v = v * o["weight"]
                key = (o["guarantor"], kind[2])
                cur = pun.get(key)
                pun[key] = pt * v if cur is None else np.maximum(cur, pt * v)
        d = self.protected * theta["defence_share"] + add
        for f in self.factors:
            d *= 1.0 + (theta[f] - 1.0) * fac[f]
        s = self.aggressor * theta[self.share] * theta["aggressor_optimism"]
        # Punishments start at 0 in sim.c: a negative one never counts.
        punishment = sum(np.maximum(v, 0.0) for v in pun.values()) if pun else 0.0
        value = theta["gain"] * p_success(s, d, theta) - theta["war_cost"] - punishment
        return value > 0, logits

    def fight(self, theta, logits, rng, na, counts):
        """sim.c fight() on the na attack draws (theta and logits restricted
        to them): who honours, whether the defence holds, when help comes.
        Adds to counts."""
        add = np.zeros(na)
        fac = {f: np.zeros(na, dtype=bool) for f in self.factors}
        g_honours = np.zeros((self.nguarantors, na), dtype=bool)
        first = np.full(na, np.inf)  # Days to the first help.
        for i, (o, logit) in enumerate(zip(self.obs, logits)):
            honoured = rng.random(na) < sigmoid(logit)
            counts["ob"][i] += int(np.count_nonzero(honoured))
            g_honours[o["guarantor"]] |= honoured
            a = self.addition(o, theta)
            if a is not None:
                add += np.where(honoured, a, 0.0)
            kind = KINDS[o["kind"]]
            if kind[1] is not None:
                fac[kind[1]] |= honoured
            if o["kind"] == "consultation":
                continue  # Talk is not help.
            # Days to decide (by activation), then to deploy (by kind).
            act = o["activation"]
            if act == "automatic":
                decision = 0.0
            elif act == "after_consultation" and o["deadline"] > 0:
                decision = float(o["deadline"])
            elif act == "discretionary":
                decision = draw(self.params["delay_discretion_days"], rng, na)
            else:
                decision = draw(self.params["delay_consultation_days"], rng, na)
            t = decision + draw(self.params[kind[3]], rng, na)
            np.minimum(first, np.where(honoured, t, np.inf), out=first)
        counts["g"] += g_honours.sum(axis=1)
        d = self.protected * theta["defence_share"] + add
        for f in self.factors:
            d *= np.where(fac[f], theta[f], 1.0)
        s = self.aggressor * theta[self.share]  # The real force, not the optimistic one.
        counts["holds"] += int(np.count_nonzero(rng.random(na) >= p_success(s, d, theta)))
        helped = np.isfinite(first)
        counts["helped"] += int(np.count_nonzero(helped))
        days = np.minimum(np.floor(first[helped]), HIST_DAYS - 1).astype(np.int64)
        counts["hist"] += np.bincount(days, minlength=HIST_DAYS)

    def simulate(self, draws, chunk, seed, draw_all=False):
        """Run `draws` draws in chunks of at most `chunk`; the counts."""
        rng = np.random.Generator(np.random.Philox(seed))
        counts = {"draws": 0, "deterred": 0, "attacks": 0, "holds": 0, "helped": 0,
                  "ob": [0] * len(self.obs), "g": np.zeros(self.nguarantors, dtype=np.int64),
                  "hist": np.zeros(HIST_DAYS, dtype=np.int64)}
        done = 0
        while done < draws:
            m = min(chunk, draws - done)
            theta = Theta(self.params, rng, m, draw_all)
            attack, logits = self.decide(theta, m)
            idx = np.flatnonzero(attack)
            na = len(idx)
            counts["draws"] += m
            counts["attacks"] += na
            counts["deterred"] += m - na
            if na:
                self.fight(theta.take(idx), [lg[idx] if not np.isscalar(lg) else lg for lg in logits],
                           rng, na, counts)
            done += m
        return counts


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
    ap.add_argument("model", help="the model JSON of `gr_bench model ARR EVENT` ('-': standard input)")
    ap.add_argument("--draws", type=int, default=500000, help="draws (default 500000)")
    ap.add_argument("--chunk", type=int, default=65536, help="draws per chunk (default 65536)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the Philox generator (default 1)")
    ap.add_argument("--draw-all", action="store_true",
                    help="draw every uncertain parameter (not only those the model reads), as the C engine does")
    args = ap.parse_args(argv)
    if args.draws <= 0 or args.chunk <= 0:
        ap.error("--draws and --chunk must be positive")
    with (sys.stdin if args.model == "-" else open(args.model)) as fp:
        model = Model(json.load(fp))

    t0 = time.perf_counter()
    c = model.simulate(args.draws, args.chunk, args.seed, args.draw_all)
    seconds = time.perf_counter() - t0

    lo, hi = wilson(c["deterred"], c["draws"])
    hlo, hhi = wilson(c["holds"], c["attacks"])
    out = {
        "draws": c["draws"], "seconds": round(seconds, 6), "chunk": args.chunk, "seed": args.seed,
        "deterred": c["deterred"], "deterred_lo": round(lo, 6), "deterred_hi": round(hi, 6),
        "holds": c["holds"], "attacks": c["attacks"],
        "holds_lo": round(hlo, 6) if c["attacks"] else None,
        "holds_hi": round(hhi, 6) if c["attacks"] else None,
        "helped": c["helped"],
        "help_median_days": hist_quantile(c["hist"], 0.5),
        "help_p90_days": hist_quantile(c["hist"], 0.9),
        "honoured": c["ob"], "honours_any": c["g"].tolist(),
        "draw_all": args.draw_all, "numpy": np.__version__, "blas": blas_info(),
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
