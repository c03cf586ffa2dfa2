"""What reading `.md` and `.sh` files in a folder walk costs a repository that has only ordinary
ones: builds a tree of READMEs and scripts (this repository's own Markdown files, and generated
ones with the fences such documents hold: install commands, Kubernetes and Istio YAML with
`destination:`, RAM policies, unrelated Terraform, shell scripts calling other aliyun
products), then times `fclint check` over it. Run with the fclint to measure on PYTHONPATH:

    python benchmarks/markdown_walk.py [--files 300] [--runs 7] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ISTIO = ("```yaml\napiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nspec:\n"
         "  http:\n    - route:\n        - destination:\n            host: reviews\n"
         "            subset: v2\n```\n")
FENCES = [
    "```sh\npip install -e '.[test]'\npython -m pytest -q\n```\n",
    ("```bash\naliyun oss cp ./dist oss://my-bucket/site --recursive\naliyun ecs DescribeInstances"
     " --RegionId cn-hangzhou\n```\n"),
    ("```json\n{\n  \"Version\": \"1\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": "
     "\"oss:GetObject\", \"Resource\": \"acs:oss:*:*:my-bucket/*\"}]\n}\n```\n"),
    ("```hcl\nresource \"alicloud_vpc\" \"main\" {\n  vpc_name   = \"main\"\n  cidr_block = "
     "\"10.0.0.0/8\"\n}\n```\n"),
    "```console\n$ terraform apply\nApply complete! Resources: 3 added, 0 changed, 0 destroyed.\n```\n",
    "```\nnpm run build && npm run deploy -- --destination ./public\n```\n",
]
PROSE = ("The build copies the site to its destination folder and uploads it. Each step logs "
         "what it did, so a failed run can be resumed where it stopped. ")
SCRIPT = ("#!/bin/sh\nset -eu\n# Deploy the static site\naliyun oss cp ./dist oss://$BUCKET/ "
          "--recursive \\\n  --region cn-hangzhou\nterraform -chdir=infra apply -auto-approve\n")


def build(tree: Path, count: int, seed: int = 12, istio: float = 0.1) -> int:
    """Write `count` ordinary Markdown files and a script beside every tenth; returns the
    number of files written. A share `istio` of the generated ones also holds a block of
    Istio YAML (`destination:` as a key), which the Markdown front end has to parse."""
    rng = random.Random(seed)
    skip = {".venv", "node_modules", ".pytest_cache", "tests"}  # the tests' hold FC configs
    own = sorted(p for p in ROOT.rglob("*.md") if not skip.intersection(p.parts))
    written = 0
    for index in range(count):
        folder = tree / f"pkg{index:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        if index < len(own):
            shutil.copyfile(own[index], folder / f"{own[index].stem}-{index}.md")
        else:
            parts = [f"# Package {index}\n\n"]
            for _ in range(rng.randint(3, 30)):
                parts.append(PROSE * rng.randint(1, 4) + "\n\n")
                if rng.random() < 0.5:
                    parts.append(rng.choice(FENCES) + "\n")
            if rng.random() < istio:
                parts.append(ISTIO)
            (folder / "README.md").write_text("".join(parts), encoding="utf-8")
        written += 1
        if index % 10 == 0:
            (folder / "deploy.sh").write_text(SCRIPT, encoding="utf-8")
            written += 1
    return written


def time_check(tree: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "fclint", "check", "--jobs", "1", "."],
                              cwd=tree, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"fclint found something or failed:\n{done.stdout}{done.stderr}")
    print(done.stdout.strip().splitlines()[-1])
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--istio", type=float, default=0.1,
                        help="the share of READMEs with a `destination:` YAML block (0.1)")
    parser.add_argument("--keep", type=Path, help="build the tree here and keep it")
    args = parser.parse_args()
    tree = args.keep or Path(tempfile.mkdtemp(prefix="fclint-md-"))
    try:
        print(f"{build(tree, args.files, istio=args.istio)} files in {tree}")
        times = time_check(tree, args.runs)
        print(f"fclint check: median {statistics.median(times):.3f} s, "
              f"min {min(times):.3f} s over {args.runs} runs")
    finally:
        if args.keep is None:
            shutil.rmtree(tree, ignore_errors=True)


if __name__ == "__main__":
    main()
