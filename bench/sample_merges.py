"""Print a random sample of cross-document identity merges to read by hand.

    python bench/sample_merges.py --db sqlite:///voa.db --n 40 --seed 7

A merge here is a document's actor joined to an identity that an earlier document
started (its reason is not "first seen here"). States are left out by default: a state
is its country code, so they cannot go wrong the same way. Each line shows what the
document called the actor, its kind and country, the identity it joined and the reason;
mark each right or wrong and report precision = right / sample.
"""

from __future__ import annotations

import argparse
import random

from sqlalchemy import select

from dossier.store import Store
from dossier.store.schema import actors, graph_actor_members, graph_actors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="store URL, e.g. sqlite:///voa.db")
    parser.add_argument("--n", type=int, default=40, help="sample size")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--states", action="store_true", help="include states")
    args = parser.parse_args()

    m = graph_actor_members
    with Store(args.db) as store, store.engine.connect() as conn:
        rows = conn.execute(
            select(
                m.c.document_id,
                actors.c.name,
                actors.c.kind,
                actors.c.country,
                m.c.graph_actor_id,
                graph_actors.c.name.label("identity"),
                m.c.reason,
            )
            .join(actors, (actors.c.document_id == m.c.document_id) & (actors.c.id == m.c.actor_id))
            .join(graph_actors, graph_actors.c.id == m.c.graph_actor_id)
            .where(m.c.reason != "first seen here")
            .order_by(m.c.document_id, m.c.actor_id)
        ).all()
    merges = [r for r in rows if args.states or r.kind != "state"]
    sample = random.Random(args.seed).sample(merges, min(args.n, len(merges)))
    print(f"{len(rows)} merges in the store, {len(merges)} eligible; a sample of {len(sample)} (seed {args.seed}):")
    for n, r in enumerate(sample, 1):
        print(f"{n:3}. {r.name!r} [{r.kind}, {r.country or '-'}] -> {r.graph_actor_id} ({r.identity!r}): {r.reason}")


if __name__ == "__main__":
    main()
