"""How far two careful annotators agree, so a score can be read against it: the second, independent
annotation of develop articles (``agreement/gold/``) scored as if it were a parser's output against
the first (``develop/gold/``), with the team's scorer.

    python benchmarks/devcorpus/agreement.py [--scorer ../shared/eval/score.py] [--json]

The second annotators saw the specification, the shared gold examples and the articles, never the
first annotation nor its notes. Development only: the product never reads this folder.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "eval" / "score.py")
    ap.add_argument("--json", action="store_true", help="print the scorer's totals as JSON")
    args = ap.parse_args()
    second = sorted((HERE / "agreement" / "gold").glob("*.yaml"))
    if not second:
        print("no second annotations in agreement/gold/", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="briefing-agreement-") as tmp:
        first = Path(tmp) / "first"
        first.mkdir()
        lines = []
        for path in second:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
            shutil.copyfile(HERE / "develop" / "gold" / path.name, first / path.name)
            lines.append(json.dumps({**doc, "source_path": doc["article"]}, ensure_ascii=False, default=str))
        pred = Path(tmp) / "second.jsonl"
        pred.write_text("\n".join(lines) + "\n", encoding="utf-8")
        articles = HERE / "develop" / "articles"
        command = [sys.executable, str(args.scorer), "--gold", str(first), "--articles", str(articles),
                   "--pred", str(pred), *(["--json"] if args.json else [])]
        return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
