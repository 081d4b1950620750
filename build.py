"""The command line: check the content, compile translations, serve, freeze, graph a pathway.

    python build.py check                 refuse bad content, naming file, line and reason
    python build.py compile               compile translations/*.po to .mo
    python build.py serve [--port 5000]   run the site locally
    python build.py freeze --out DIR [--base-url URL] [--draft] [--force]   write the static export
    python build.py new-council ID        write a council's pack with every slot to fill
    (check, serve and freeze take --council ID, a pack's folder, or `all`: see docs/new-council.md)
    python build.py graph PATHWAY         print a pathway as Graphviz DOT
    python build.py bench [--scale N]     print each speed and size a reader or host meets, beside its goal
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
NEEDED = ("flask", "flask_babel", "frontmatter", "whoosh", "flask_frozen")  # one of each kind of package


def _use_an_environment_with_the_packages(argv: list[str]) -> None:
    """Run in a Python that has the guide's packages: this one if it has them (CI, a server set up
    by hand), else the project's own .venv, made and filled on first use. Debian's and Ubuntu's own
    Python refuse `pip install` outside a virtual environment (PEP 668), so a newcomer's first
    command must make one itself."""
    if all(importlib.util.find_spec(name) for name in NEEDED):
        return
    python = VENV / "bin" / "python"
    inside = Path(sys.prefix).resolve() == VENV.resolve()
    if os.environ.get("ALNGUIDE_BOOTSTRAPPED") == "installed":
        sys.exit(f"build.py: {python} still lacks the guide's packages after installing them")
    if not inside:
        if not python.exists():
            _make_venv()
        os.environ["ALNGUIDE_BOOTSTRAPPED"] = "venv"
        os.execv(python, [str(python), str(ROOT / "build.py"), *argv])
    print(f"Installing the guide's Python packages into {VENV} (once)...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    "-e", str(ROOT)],
                   check=True)
    os.environ["ALNGUIDE_BOOTSTRAPPED"] = "installed"
    os.execv(sys.executable, [sys.executable, str(ROOT / "build.py"), *argv])


def _make_venv() -> None:
    """python3 -m venv, after installing Debian's python3-venv if this Python lacks ensurepip
    (Debian and Ubuntu ship the venv module's pip in that separate package)."""
    print(f"Making a virtual environment for the guide in {VENV} (once)...", file=sys.stderr)
    if importlib.util.find_spec("ensurepip") is None and shutil.which("apt-get"):
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        version = f"python{sys.version_info.major}.{sys.version_info.minor}-venv"
        print(f"Installing Debian's {version} first (with {sudo[0] if sudo else 'root'})...", file=sys.stderr)
        subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "-o", "DPkg::Lock::Timeout=600", version],
                       check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)


if __name__ == "__main__":
    _use_an_environment_with_the_packages(sys.argv[1:])
sys.path.insert(0, str(ROOT / "site"))

from flask import Flask  # noqa: E402

from alnguide.content.errors import ContentError, Problems  # noqa: E402
from alnguide.content.loader import load_site  # noqa: E402
from alnguide.content.model import Site  # noqa: E402
from alnguide.content.settings import uncited_numbers  # noqa: E402
from alnguide.councils.packs import Pack, UnknownCouncilError, choose, chosen  # noqa: E402
from alnguide.councils.scaffold import scaffold  # noqa: E402
from alnguide.guides.graph import graph  # noqa: E402
from alnguide.guides.loading import MAX_PATHS  # noqa: E402
from alnguide.paths import content_folder  # noqa: E402
from alnguide.web.i18n import compile_translations  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.split("\n")[0])
    parser.add_argument("--content", type=Path, default=content_folder(),
                        help="the content folder (default: $ALNGUIDE_CONTENT, else content/)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check all content and report every problem")
    commands.add_parser("compile", help="compile the translation catalogues")
    serve = commands.add_parser("serve", help="run the site on this machine")
    serve.add_argument("--port", type=int, default=5000)
    serve.add_argument("--host", default="127.0.0.1")
    freeze = commands.add_parser("freeze", help="write the static export")
    freeze.add_argument("--out", type=Path, default=ROOT / "build")
    freeze.add_argument("--base-url", help="where the export will live (default: site.yaml's base_url)")
    freeze.add_argument("--draft", action="store_true",
                        help="write a draft: allow localhost addresses and what the warnings name")
    freeze.add_argument("--force", action="store_true",
                        help="write into a folder that holds other files, replacing them")
    bench = commands.add_parser("bench", help="print speeds and sizes beside their goals")
    bench.add_argument("--scale", type=int, default=1, help="copy the content N times first (default 1)")
    bench.add_argument("--rounds", type=int, default=3, help="runs of each measurement (default 3)")
    bench.add_argument("--seconds", type=int, default=5, help="load per server per round (default 5)")
    bench.add_argument("--connections", type=int, default=50)
    new_council = commands.add_parser("new-council", help="write a new council's pack to fill in")
    new_council.add_argument("id", help="the council's id in addresses, e.g. cardiff or vale-of-glamorgan")
    for command in (check, serve, freeze):
        command.add_argument("--council", default=chosen(),
                             help="the council's pack: an id in content/councils/, a pack's folder, or "
                                  "`all` (default: $ALNGUIDE_COUNCIL, else every pack there is)")
    graph_cmd = commands.add_parser("graph", help="print a pathway as Graphviz DOT")
    graph_cmd.add_argument("pathway", help="the pathway's id, e.g. transport")
    graph_cmd.add_argument("--lang", default="en", choices=["cy", "en"])
    args = parser.parse_args(argv)

    if args.command == "compile":
        compile_translations()
        return 0
    if args.command == "bench":  # measured from outside: new processes, real servers, a real browser
        compile_translations()
        from alnbench import bench

        return bench.run(args.content, args.scale, args.rounds, args.seconds, args.connections)
    if args.command == "new-council":
        try:
            written = scaffold(args.content, args.id)
        except ValueError as refused:
            print(f"new-council refused: {refused}", file=sys.stderr)
            return 1
        print(f"Wrote {written}: fill in every slot, then run "
              f"`python3 build.py check --council {args.id}` (docs/new-council.md)")
        return 0
    try:
        packs = choose(args.content, getattr(args, "council", None) or chosen())
    except UnknownCouncilError as unknown:
        print(unknown, file=sys.stderr)
        return 1
    checked: dict[str | None, tuple[Site, Problems]] = {}
    for pack in packs or [None]:
        loaded = _checked(args.content, pack, len(packs) > 1)
        if loaded is None:
            return 1
        checked[pack.id if pack else None] = loaded
    if args.command == "check":
        for council_id, (site, _) in checked.items():
            pages = sum(len(p) for p in site.pages.values())
            print(f"OK{f' ({council_id})' if council_id else ''}: {pages} pages, {len(site.pathways)} "
                  f"question guides, {len(site.glossary)} glossary terms, {len(site.letters['en'])} letters.")
            for pathway in site.pathways:
                print(f"  {pathway.id}: {pathway.paths} ways through (at most {MAX_PATHS})")
        return 0
    if args.command == "graph":
        site = next(iter(checked.values()))[0]
        dot = graph(site, args.pathway, args.lang)
        if dot is None:
            print(f"no pathway '{args.pathway}'", file=sys.stderr)
            return 1
        print(dot)
        return 0
    compile_translations()
    from alnguide import create_app
    from alnguide.web.councils import create_chooser

    def app_of(council_id: str | None) -> Flask:
        pack = next((p for p in packs if p.id == council_id), None)
        return create_app(checked[council_id][0], args.content, str(pack.path) if pack else None)

    several = len(checked) > 1
    app = create_chooser({c: app_of(c) for c in checked}) if several else app_of(next(iter(checked)))
    if args.command == "serve":
        from alnguide.web.councils import guides_of

        if args.host not in ("127.0.0.1", "localhost", "::1"):
            for guide in guides_of(app).values():  # development on a network: any name this machine has
                guide.config["TRUSTED_HOSTS"] = None
        app.run(host=args.host, port=args.port)
        return 0
    from alnguide.export.councils import freeze_councils
    from alnguide.export.destination import ExportRefusedError
    from alnguide.export.freezing import freeze as freeze_site

    sites = [site for site, _ in checked.values()]
    base_url = args.base_url or sites[0].settings.base_url
    refusals = []
    if urlsplit(base_url).hostname in ("localhost", "127.0.0.1", "::1") and not (args.base_url or args.draft):
        refusals.append(f"the export's addresses would start {base_url}: set base_url in site.yaml, "
                        "give --base-url, or add --draft")
    if several and not args.base_url:
        refusals.append("several councils are written under one address: give it with --base-url")
    if any(problems.warnings for _, problems in checked.values()) and not args.draft:
        refusals.append("a release needs what the warnings above name; add --draft to write a draft")
    try:
        if refusals:
            raise ExportRefusedError("; ".join(refusals))
        write = freeze_councils if several else freeze_site
        count = write(app, args.out, base_url, force=args.force)
    except ExportRefusedError as refused:
        print(f"freeze refused: {refused}", file=sys.stderr)
        return 1
    print(f"Wrote {count} files to {args.out}{' (draft)' if args.draft else ''}")
    return 0


def _checked(content: Path, pack: Pack | None, named: bool) -> tuple[Site, Problems] | None:
    """One council's content loaded and checked, its problems, warnings and notes printed
    (each headed by the council's id when several are built); None when it is refused."""
    problems = Problems()
    heading = f"[{pack.id}] " if named and pack else ""
    try:
        site = load_site(content, problems, str(pack.path) if pack else None)
    except ContentError as error:
        for problem in error.problems:
            print(f"{heading}{problem}", file=sys.stderr)
        for warning in problems.warnings:  # an unfilled slot: what is left to write, with the rest
            print(f"{heading}warning: {warning}", file=sys.stderr)
        print(f"{heading}{len(error.problems)} problem(s) found.", file=sys.stderr)
        return None
    uncited_numbers(site, content, problems)  # a number readers can ring, not in site.yaml
    for warning in problems.warnings:
        print(f"{heading}warning: {warning}", file=sys.stderr)
    for note in problems.notes:  # worth knowing; a release goes ahead without it
        print(f"{heading}note: {note}", file=sys.stderr)
    return site, problems


if __name__ == "__main__":
    status = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Every file is written and closed: leave without Python's teardown, which frees the loaded
    # site object by object (a quarter of a second at 1x content), when the OS frees it at once.
    os._exit(status)
