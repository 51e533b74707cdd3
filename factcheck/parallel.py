"""Running the rules on every core: this process and its workers each take the heaviest rule left.

Rules are independent of each other, and each rule's findings do not depend on the
order rules run in, so running them in worker processes gives the findings a single
process gives. The workers are forked once the corpus is loaded, so they start with it
in memory (copy on write) and only their findings travel back. This process runs rules
too, rather than waiting: one worker fewer copies the pages it touches and pickles its
findings. Below a size where starting processes costs more than it saves, or on a system
other than Linux (where forking a process that has loaded native libraries is not
always safe), the rules run in this process alone.
"""
from __future__ import annotations

import pickle

from .forked import Helpers, Pieces, worker_count

PARALLEL_CLAIMS = 5_000     # fewer claims than this: the rules run in this process
# rough relative cost of a rule of each kind, to start big first and end with small ones (a rule of 1M claims
# in seconds, in two processes: unsupported 18.7; names 7.4; conflict 1.0-6.0; temporal and superseded
# 0.8-2.8; count and drafts 0.5-0.8: a temporal rule last kept the other process waiting 1.5 s)
_COST = {"unsupported": 10, "names": 4, "conflict": 3, "temporal": 1.5, "superseded": 1.5, "count": 0.5,
         "drafts": 0.5}

_SHARED: dict = {}   # set before the fork; the workers inherit it


def workers_for(claims: int, rules: int) -> int:
    return 1 if claims < PARALLEL_CLAIMS or rules < 2 else worker_count(rules)


def run_rules(rules: list, corpus, context, run_rule, *, prepare=None) -> list[list]:
    """Each rule's findings, in the order of `rules`. Every process applies `prepare` to the findings of each
    rule it runs, as it runs it: a worker's then travel prepared, and this process does not do its own
    afterwards, alone, while the workers have nothing left to do (37 ms of a 100k-claim check)."""
    # each process takes the heaviest rule left: the last ones are light, so no process waits long for another
    order = Pieces(sorted(range(len(rules)), key=lambda index: -_COST.get(rules[index].kind, 1)))
    context.by_subject_predicate()   # indexes most kinds use: built once, before the fork, for all workers (the
    context.predicates_column()      # engine has made them: `Corpus.facts`)
    corpus.by_predicate()
    _SHARED.update(rules=rules, corpus=corpus, context=context, run_rule=run_rule, order=order, prepare=prepare)
    results: list = [None] * len(rules)
    try:
        with Helpers(workers_for(len(context.all_claims), len(rules)) - 1, _work) as helpers:
            while (index := order.take()) is not None:
                results[index] = run_rule(rules[index], corpus, context)
                if prepare is not None:
                    prepare(results[index])
            for done in helpers.arrived(wait=True):
                for pickled in done:
                    index, findings, memo = pickle.loads(pickled)
                    results[index] = findings
                    for key, value in memo.items():
                        context.memo.setdefault(key, value)
    finally:
        _SHARED.clear()
    return results


def _work(send) -> None:
    """In a worker: rules until none is left; then, for each, its findings and what its kind left in the
    context's memo (it lives in this process), all in one message: sent rule by rule, a rule's findings
    larger than the pipe would keep the worker waiting until this process finished the rule it runs.
    Each rule's part is pickled as soon as the rule has run, while there may be rules left to take: pickled
    all at once at the end, with none left, this process waited for it (1.1 s of a 1M-claim check)."""
    shared = _SHARED
    context = shared["context"]
    done = []
    while (index := shared["order"].take()) is not None:
        before = set(context.memo)
        findings = shared["run_rule"](shared["rules"][index], shared["corpus"], context)
        if shared["prepare"] is not None:
            shared["prepare"](findings)
        memo = {key: value for key, value in context.memo.items() if key not in before}
        done.append(pickle.dumps((index, findings, memo), protocol=pickle.HIGHEST_PROTOCOL))
    send(done)
