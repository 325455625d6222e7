"""``POST /api/ingest``: URLs or uploaded files handed to the single writer; off without a token."""

from __future__ import annotations

import asyncio
import hmac
import re
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import JSONResponse

from newsweave.web.api import _errors
from newsweave.web.state import (
    FORBIDDEN,
    INGEST_DISABLED,
    INVALID_PARAMETER,
    PAYLOAD_TOO_LARGE,
    UNAUTHORIZED,
    ApiError,
    WebState,
    state_of,
)
from newsweave.web.writer import UploadDir, ingest_job

#: Files and URLs one ingest request may carry (a larger batch belongs to ``newsweave ingest``).
MAX_INGEST_INPUTS = 100
#: Bytes copied at a time from an uploaded file to disk.
COPY_CHUNK = 1 << 20
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")

router = APIRouter(tags=["api"])


INGEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "urls": {"type": "array", "items": {"type": "string", "format": "uri"}},
                        "outlet": {"type": "string"},
                        "published": {"type": "string", "description": "ISO 8601 date"},
                    },
                    "required": ["urls"],
                }
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                        "urls": {"type": "array", "items": {"type": "string"}},
                        "outlet": {"type": "string"},
                        "published": {"type": "string"},
                    },
                }
            },
        },
    }
}


def _authorise(state: WebState, authorization: str | None) -> None:
    if state.ingest_token is None:
        raise ApiError(
            403,
            INGEST_DISABLED,
            "ingest is off: start the server with --ingest-token (or NEWSWEAVE_INGEST_TOKEN)",
        )
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(
            401,
            UNAUTHORIZED,
            "send the ingest token as 'Authorization: Bearer <token>'",
            {"www-authenticate": "Bearer"},
        )
    # Constant-time comparison: the answer's timing must not reveal how much of a guess was right.
    if not hmac.compare_digest(token.strip().encode(), state.ingest_token.encode()):
        raise ApiError(403, FORBIDDEN, "wrong ingest token")


@router.post("/ingest", openapi_extra=INGEST_BODY, responses=_errors(400, 401, 403, 413, 415, 422))
async def ingest(request: Request, authorization: Annotated[str | None, Header()] = None) -> JSONResponse:
    """Ingest URLs (JSON body) or uploaded files (multipart), then analyse and assign stories.

    Answers ``newsweave ingest --json``'s report once the work is done. Runs on the app's one writer.
    """
    from newsweave.readers.base import parse_published

    state = state_of(request)
    _authorise(state, authorization)
    limit = state.config.ingest.max_input_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(
            413, PAYLOAD_TOO_LARGE, f"the request is over {limit} bytes ([ingest] max_input_bytes)"
        )
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    uploads = UploadDir()
    try:
        paths: list[str] = []
        if content_type == "application/json":
            urls, outlet, published = await _json_body(request)
        elif content_type == "multipart/form-data":
            urls, outlet, published, paths = await _form_body(request, uploads, limit)
        else:
            raise ApiError(415, "unsupported_media_type", "send application/json or multipart/form-data")
        for url in urls:
            if not url.lower().startswith(("http://", "https://")):
                raise ApiError(422, INVALID_PARAMETER, f"urls: not an http(s) URL: {url[:200]!r}")
        inputs = [*paths, *urls]
        if not inputs:
            raise ApiError(422, INVALID_PARAMETER, "give at least one URL or file")
        if len(inputs) > MAX_INGEST_INPUTS:
            raise ApiError(422, INVALID_PARAMETER, f"at most {MAX_INGEST_INPUTS} inputs per request")
        when = parse_published(published, source="published") if published else None
        job = ingest_job(inputs, state.config, outlet=outlet or None, published=when)
        future = state.writer.submit(job)
    except BaseException:
        uploads.cleanup()
        raise
    # The files go when the job is done, not when this request ends: a client that hangs up must not
    # pull the files from under the writer.
    future.add_done_callback(lambda _done: uploads.cleanup())
    return JSONResponse(await asyncio.wrap_future(future))


async def _json_body(request: Request) -> tuple[list[str], str | None, str | None]:
    try:
        body = await request.json()
    except ValueError as exc:
        raise ApiError(400, "bad_json", f"the body is not JSON: {exc}") from exc
    if not isinstance(body, dict):
        raise ApiError(422, INVALID_PARAMETER, "the body must be an object with 'urls'")
    urls = body.get("urls", [])
    if not isinstance(urls, list) or not all(isinstance(url, str) for url in urls):
        raise ApiError(422, INVALID_PARAMETER, "urls: must be a list of strings")
    outlet, published = body.get("outlet"), body.get("published")
    for name, value in (("outlet", outlet), ("published", published)):
        if value is not None and not isinstance(value, str):
            raise ApiError(422, INVALID_PARAMETER, f"{name}: must be a string")
    return urls, outlet, published


async def _form_body(
    request: Request, uploads: UploadDir, limit: int
) -> tuple[list[str], str | None, str | None, list[str]]:
    from starlette.datastructures import UploadFile

    form = await request.form(max_files=MAX_INGEST_INPUTS, max_fields=MAX_INGEST_INPUTS + 2)
    urls = [value for value in form.getlist("urls") if isinstance(value, str) and value.strip()]
    outlet, published = form.get("outlet"), form.get("published")
    paths: list[str] = []
    for index, item in enumerate(form.getlist("files")):
        if not isinstance(item, UploadFile):
            raise ApiError(422, INVALID_PARAMETER, "files: must be uploaded files")
        # Only the name's safe characters are kept: the name picks the reader (by extension) and
        # must not place the file outside the upload folder.
        name = _SAFE_NAME.sub("_", (item.filename or "").replace("\\", "/").rsplit("/", 1)[-1]).lstrip(".")
        target = uploads.path / f"{index:03d}-{name or 'upload.txt'}"
        written = 0
        with target.open("wb") as out:
            while chunk := await item.read(COPY_CHUNK):
                written += len(chunk)
                if written > limit:
                    raise ApiError(413, PAYLOAD_TOO_LARGE, f"{item.filename!r} is over {limit} bytes")
                out.write(chunk)
        paths.append(str(target))
    return (
        urls,
        outlet if isinstance(outlet, str) else None,
        published if isinstance(published, str) else None,
        paths,
    )
