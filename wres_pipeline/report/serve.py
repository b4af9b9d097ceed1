"""`wres-pipeline serve`: the published sites on http://127.0.0.1:<port>/<year>/ for a browser.

The sites open offline as files too; the server is for browsers that treat file:// pages
strictly and for sharing a screen. It binds the loopback address only and serves the
public/site folder read-only (Python's standard file server, directory listings off).
"""

import functools
import signal
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DEFAULT_PORT = 8765
HOST = "127.0.0.1"


def site_url(port: int, year: int | None = None) -> str:
    return f"http://{HOST}:{port}/" + (f"{year}/index.html" if year else "")


class SiteHandler(SimpleHTTPRequestHandler):
    """Files only: no directory listing (the year folders' links are followed, as the
    standard handler does)."""

    def list_directory(self, path):
        self.send_error(404, "No listing")
        return None


def server(root: Path, port: int = DEFAULT_PORT) -> ThreadingHTTPServer:
    handler = functools.partial(SiteHandler, directory=str(root))
    return ThreadingHTTPServer((HOST, port), handler)


def _stop(signum, frame):
    raise KeyboardInterrupt


def serve(root: Path, port: int = DEFAULT_PORT) -> int:
    root = Path(root)
    years = sorted(p.name for p in root.iterdir() if p.name.isdigit()) if root.is_dir() else []
    if not years:
        print(f"No site published under {root}: run a year first (wres-pipeline run).")
        return 1
    httpd = server(root, port)
    print(f"Serving {root} on {site_url(port)} (Ctrl-C stops):")
    for year in years:
        print(f"  {year}: {site_url(port, int(year))}", flush=True)
    signal.signal(signal.SIGTERM, _stop)  # SIGTERM stops it as Ctrl-C does
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
    return 0
