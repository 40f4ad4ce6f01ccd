"""``kg serve``: a read-only SPARQL 1.1 endpoint over the graph."""

from __future__ import annotations

import ipaddress
import signal
from pathlib import Path
from types import FrameType

import click

from kg.cli.common import DEFAULT_GRAPH, clean_errors
from kg.errors import KgError

__all__ = ["serve"]


@click.command()
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH, show_default=True,
              help="RDF file to serve (loaded into a temporary store).")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              help="On-disk store to serve instead (made by `kg build --store` or `kg store`).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback exposes the endpoint to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds a query may run before it is stopped.")
@click.option("--max-request", type=click.IntRange(min=1024), default=1 << 20, show_default=True,
              help="Largest request (URL or body) in bytes.")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Queries answered at once (one process each).")
@click.option("--max-rows", type=click.IntRange(min=1), default=100_000, show_default=True,
              help="Rows (or triples) in an answer at most; a longer one is cut, with a Warning header.")
@click.option("--allow-service", is_flag=True,
              help="Run SERVICE clauses, which make the server connect to any address a query names.")
@click.option("--quiet", "-q", is_flag=True, help="Do not log requests.")
def serve(graph: Path, store_dir: Path | None, host: str, port: int, timeout: float, max_request: int,
          workers: int, max_rows: int, allow_service: bool, quiet: bool) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint at http://HOST:PORT/sparql.

    GET or POST a query; answers are SPARQL results JSON, XML, CSV or TSV, or
    Turtle, N-Triples, JSON-LD or RDF/XML for CONSTRUCT and DESCRIBE, as the
    Accept header asks. http://HOST:PORT/ has a query editor. Stop with Ctrl+C.

    Example: kg serve --store graph-store --port 7878
    """
    from kg.sparql.endpoint import Endpoint

    with clean_errors():
        try:
            endpoint = Endpoint(graph=None if store_dir else graph, store=store_dir, host=host, port=port,
                                timeout=timeout, workers=workers, max_request=max_request, quiet=quiet,
                                max_rows=max_rows, allow_service=allow_service)
        except OSError as err:
            raise KgError(f"cannot listen on {host}:{port} ({err.strerror or err}); "
                          "fix: choose another --port") from err
    if not _is_loopback(host):
        click.echo(f"warning: listening on {host}: the endpoint is reachable from the network", err=True)
    click.echo(f"SPARQL endpoint at {endpoint.url} (editor at {endpoint.url[:-len('sparql')]}); Ctrl+C stops it",
               err=True)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        endpoint.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        endpoint.close()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """Stop serving on SIGTERM as on Ctrl+C, so that the workers and temporary store are cleaned up."""
    raise KeyboardInterrupt


def _is_loopback(host: str) -> bool:
    """Whether ``host`` names only this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
