"""SDK-HMAC-SHA256 request signing exactly as huaweicloudsdkcore signs (BSS-CONVENTIONS §3), as a
`requests` auth object: it signs the prepared request, so the signature covers the final URL,
query and body bytes whatever Schemathesis generated."""

import hashlib
import hmac
from datetime import datetime, timezone
from urllib.parse import quote, unquote, urlsplit

import requests

EMPTY = hashlib.sha256(b"").hexdigest()


def _enc(s: str) -> str:
    return quote(s, safe="-_.~")


def canonical_uri(path: str) -> str:
    segments = unquote(path).split("/")
    uri = "/".join(_enc(s) for s in segments)
    return uri if uri.endswith("/") else uri + "/"


def canonical_query(query: str) -> str:
    pairs = []
    for item in query.split("&") if query else []:
        k, _, v = item.partition("=")
        pairs.append((unquote(k.replace("+", " ")), unquote(v.replace("+", " "))))
    pairs.sort()
    return "&".join(f"{_enc(k)}={_enc(v)}" for k, v in pairs)


class Signer(requests.auth.AuthBase):
    def __init__(self, ak: str, sk: str):
        self.ak, self.sk = ak, sk

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        url = urlsplit(r.url)
        # Send exactly the canonical query, as the SDK does.
        query = canonical_query(url.query)
        r.url = f"{url.scheme}://{url.netloc}{url.path}" + (f"?{query}" if query else "")
        body = r.body or b""
        if isinstance(body, str):
            body = body.encode()
        date = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        r.headers["X-Sdk-Date"] = date
        r.headers.setdefault("Content-Type", "application/json")
        headers = {"content-type": r.headers["Content-Type"], "host": url.netloc, "x-sdk-date": date}
        signed = ";".join(sorted(headers))
        canonical = "\n".join([
            r.method.upper(),
            canonical_uri(url.path),
            query,
            "".join(f"{k}:{headers[k].strip()}\n" for k in sorted(headers)),
            signed,
            hashlib.sha256(body).hexdigest() if body else EMPTY,
        ])
        to_sign = f"SDK-HMAC-SHA256\n{date}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
        sig = hmac.new(self.sk.encode(), to_sign.encode(), hashlib.sha256).hexdigest()
        r.headers["Authorization"] = f"SDK-HMAC-SHA256 Access={self.ak}, SignedHeaders={signed}, Signature={sig}"
        return r
