"""The hostile sweep (mangbagja/tests/test_sweep.py): every page of the permission matrix, as personas it allows,
with hostile values in every parameter it reads and every field of every form it shows. A server error (5xx or an
exception) on any of them is a failure.

What a page reads is found twice, so a new page or parameter is swept without a change here: the names of the
inputs of the page's own forms (its HTML), and the keys the view asks of ``request.GET`` / ``request.POST``
(recorded by :class:`RecordingMiddleware`, which the test appends to ``MIDDLEWARE``).
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.db import transaction
from django.http import QueryDict
from django.urls import Resolver404, resolve

#: One request per (parameter, value): superscript digits (``"²".isdigit()`` is true, ``int("²")`` fails), NUL
#: (PostgreSQL refuses it), dates whose arithmetic leaves Python's years, numbers past float and bigint, a long
#: string, a negative number.
HOSTILE = ("²", "\x00", "9999-12-31", "0001-01-01", "1e309", "9" * 40, "x" * 3000, "-1")

#: Keys of the recording in progress (a context variable, so one test's recording never sees another's).
_recorded: contextvars.ContextVar[dict[str, set[str]] | None] = contextvars.ContextVar("sweep_recorded", default=None)


class _RecordingQueryDict(QueryDict):
    """A QueryDict that notes each key it is asked for."""

    def _note(self, key):
        seen = _recorded.get()
        if seen is not None and isinstance(key, str):
            seen[self._sweep_kind].add(key)

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self._note(key)
        return super().getlist(key, default)


def _recording(data: QueryDict, kind: str) -> QueryDict:
    recording = type("Recording", (_RecordingQueryDict,), {"_sweep_kind": kind})(mutable=True)
    for key, values in data.lists():
        recording.setlist(key, values)
    recording._mutable = False
    return recording


class RecordingMiddleware:
    """Test only: replaces ``request.GET`` and ``request.POST`` by copies that record the keys the view reads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _recorded.get() is not None:
            request.GET = _recording(request.GET, "GET")
            if request.method == "POST":
                request.POST = _recording(request.POST, "POST")
        return self.get_response(request)


@dataclass
class Form:
    method: str
    action: str
    #: name → default values, as a browser would send them (checked boxes, selected options, typed text).
    fields: dict[str, list[str]] = field(default_factory=dict)


class _FormParser(HTMLParser):
    """The forms of a page, and the htmx elements that post (``hx-post`` outside a form, or a button inside one)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._stray: Form | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            method = "post" if a.get("hx-post") or a.get("method", "get").lower() == "post" else "get"
            self._form = Form(method, a.get("hx-post") or a.get("action", ""))
            self.forms.append(self._form)
            return
        if a.get("hx-post") and tag != "form":
            # The element's own request: its name/value, and the fields of the form around it (hx-include'd or not;
            # the recorded keys complete the list).
            fields = self._form.fields if self._form is not None else {}
            self.forms.append(Form("post", a["hx-post"], fields))
        name = a.get("name")
        if not name:
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind == "file":
                return  # upload checks are their own modules' tests
            values = self._fields().setdefault(name, [])
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            values.append(a.get("value", "on" if kind in ("checkbox", "radio") else ""))
        elif tag in ("button",) and a.get("type", "submit").lower() == "submit":
            self._fields().setdefault(name, []).append(a.get("value", ""))
        elif tag == "select":
            self._select, self._select_first, self._select_chosen = name, None, False
            self._fields().setdefault(name, [])
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self._fields()[self._select].append(value)
                self._select_chosen = True
        elif tag == "textarea":
            self._textarea = name
            self._fields().setdefault(name, []).append("")

    def handle_data(self, data):
        if self._textarea:
            self._fields()[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                self._fields()[self._select].append(self._select_first)
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def _fields(self) -> dict[str, list[str]]:
        if self._form is not None:
            return self._form.fields
        # An input outside any form still names a parameter the page's scripts may send: one GET "form" holds them.
        if self._stray is None:
            self._stray = Form("get", "")
            self.forms.append(self._stray)
        return self._stray.fields


def forms_of(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def url_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


@dataclass
class Sweeper:
    """Sends the requests of one persona's client, each in a savepoint rolled back afterwards (a write or a deleted
    session never changes the next request), and collects the server errors."""

    client: object
    persona: str
    failures: list[str] = field(default_factory=list)
    requests: int = 0

    def send(self, method: str, path: str, data, *, param: str = "", value: str = "", record: bool = False):
        """The response, or None after a server error (noted in ``failures``). With ``record``, also the keys the
        view read: ``(response, {"GET": {...}, "POST": {...}})``."""
        seen = {"GET": set(), "POST": set()}
        token = _recorded.set(seen if record else None)
        cookies = self.client.cookies
        self.client.cookies = type(cookies)(cookies)  # a copy: a logout or a new session key is undone below
        self.requests += 1
        response = None
        try:
            with transaction.atomic():
                response = getattr(self.client, method)(path, data)
                if getattr(response, "streaming", False):
                    b"".join(response.streaming_content)
                transaction.set_rollback(True)
        except Exception as exc:  # noqa: BLE001 - every exception of a view is the finding
            self._fail(method, path, param, value, f"{type(exc).__name__}: {exc}")
            response = None
        finally:
            _recorded.reset(token)
            self.client.cookies = cookies
        if response is not None and response.status_code >= 500:
            self._fail(method, path, param, value, f"status {response.status_code}")
            response = None
        return (response, seen) if record else response

    def _fail(self, method, path, param, value, why):
        shown = repr(value if len(value) <= 12 else f"{value[:8]}…({len(value)} karakter)")
        self.failures.append(f"{method.upper()} {path} sebagai {self.persona}: {param}={shown} → {why[:300]}")

    def sweep_get(self, path: str, *, satu_per_nilai: bool = False) -> list[Form]:
        """GET ``path`` once plainly (recording what it reads), then once per (parameter, hostile value), or with
        ``satu_per_nilai`` once per value with every parameter holding it (a second persona's quicker pass).
        Returns the page's POST forms with their actions made absolute."""
        base_path, _q, query = path.partition("?")
        base = dict(parse_qsl(query, keep_blank_values=True))
        result = self.send("get", base_path, base, record=True)
        if result[0] is None:
            return []
        response, seen = result
        params = set(base) | seen["GET"]
        post_forms = []
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            for form in forms_of(response.content.decode(errors="replace")):
                action = urljoin(base_path, form.action) if form.action else path
                if form.method == "get" and urlsplit(action).path == base_path:
                    params |= set(form.fields)
                elif form.method == "post":
                    post_forms.append(Form("post", action, form.fields))
        params.discard("csrfmiddlewaretoken")
        for value in HOSTILE if satu_per_nilai and params else ():
            self.send("get", base_path, {**base, **dict.fromkeys(params, value)}, param="*", value=value)
        for param in () if satu_per_nilai else sorted(params):
            for value in HOSTILE:
                self.send("get", base_path, {**base, param: value}, param=param, value=value)
        return post_forms

    def sweep_post(self, path: str, defaults: dict, *, satu_per_nilai: bool = False):
        """POST ``defaults`` once (recording what the view reads), then each field and each key the view read, one
        at a time, with each hostile value (the other fields keeping their defaults), or with ``satu_per_nilai``
        every field at once; keys the view read from the query string are swept there."""
        data = {k: v for k, v in defaults.items() if k != "csrfmiddlewaretoken"}
        result = self.send("post", path, data, record=True)
        if result[0] is None:
            return
        _response, seen = result
        names = sorted((set(data) | seen["POST"]) - {"csrfmiddlewaretoken"})
        base_path, _q, query = path.partition("?")
        base = dict(parse_qsl(query, keep_blank_values=True))
        for value in HOSTILE if satu_per_nilai else ():
            url = _with_query(base_path, {**base, **dict.fromkeys(seen["GET"], value)})
            self.send("post", url, {**data, **dict.fromkeys(names, value)}, param="*", value=value)
        for name in () if satu_per_nilai else names:
            for value in HOSTILE:
                self.send("post", path, {**data, name: value}, param=name, value=value)
        for name in () if satu_per_nilai else sorted(seen["GET"]):
            for value in HOSTILE:
                self.send("post", _with_query(base_path, {**base, name: value}), data, param=f"?{name}", value=value)


def _with_query(path: str, params: dict[str, str]) -> str:
    query = QueryDict(mutable=True)
    query.update(params)
    return f"{path}?{query.urlencode()}" if params else path
