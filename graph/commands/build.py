"""``govkg build INPUT... --out DIR``: build the knowledge graph.

Exit status: 0 when every input was built, 2 when some inputs were skipped
(each named with its reason), 1 when nothing could be built.
"""

from __future__ import annotations

import argparse
import os
import sys

EXAMPLES = """\
examples:
  govkg build data/gazettes --out out          build the sample corpus
  govkg build issue1.txt issue2.txt --out out   build two files
  govkg build corpus/ --out out --jobs 1        one process (same output)

outputs in DIR: graph.ttl (union + ontology), graph.trig and graph.nq (one named
graph per document), graph.gexf (Gephi), build-report.json (files, documents,
skipped inputs, names the gazetteer did not know).
"""


def register(subparsers) -> None:
    """Add the ``build`` sub-command."""
    parser = subparsers.add_parser(
        "build",
        help="build the knowledge graph from gazette text files",
        description="Read gazette issues or single documents (text files or folders) and write the RDF graph.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="text files or folders of .txt files")
    parser.add_argument("--out", "-o", required=True, metavar="DIR", help="output folder (created if missing)")
    parser.add_argument(
        "--jobs", "-j", type=int, default=os.cpu_count() or 1, metavar="N",
        help="worker processes (default: all cores, %(default)s here)",
    )
    parser.add_argument("--no-cache", action="store_true", help="re-extract every file, ignoring DIR/.cache")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary")
    parser.set_defaults(func=run)


def run(args) -> int:
    """Run the build and print the summary; return the exit status."""
    from graph.run import build

    summary = build(
        args.inputs,
        args.out,
        jobs=max(1, args.jobs),
        use_cache=not args.no_cache,
        progress=not args.quiet,
    )
    for path, reason in summary.skipped:
        print(f"govkg: skipped {path}: {reason}", file=sys.stderr)
    if not args.quiet:
        print(
            f"govkg: built {summary.built} of {summary.files} files, {summary.documents} documents, "
            f"{summary.triples} triples in {summary.seconds:.1f} s"
            + (f" ({summary.cached} from cache)" if summary.cached else ""),
            file=sys.stderr,
        )
        if summary.unknown:
            print(
                f"govkg: {len(summary.unknown)} names not in the gazetteer "
                f"(see {os.path.join(args.out, 'build-report.json')})",
                file=sys.stderr,
            )
        for path in summary.outputs:
            print(path)
    return summary.exit_status
