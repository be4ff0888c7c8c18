"""The dashboard's pages and actions: queue, case page, audit log, figures and reply snippets."""
from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone

from flask import abort, flash, g, redirect, render_template, request, url_for

from bot import cases, handoff, keys, staff
from bot.errors import CaseError
from bot.web import store
from bot.web.dashboard import bp, figures
from bot.web.dashboard.auth import supervisor_only

LIMA = timezone(timedelta(hours=-5))  # Peru keeps no daylight saving time
MAX_REPLY_CHARS = 1600


@bp.app_template_filter("lima")
def _lima(epoch: float | None) -> str:
    return datetime.fromtimestamp(epoch, LIMA).strftime("%d/%m %H:%M") if epoch else "—"


@bp.app_template_filter("duration")
def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    minutes = int(max(0, seconds) // 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def label(group: str, name: str) -> str:
    """The Spanish label of a priority, status, reason or outcome."""
    return handoff.texts()[group].get(name, name)


@bp.context_processor
def _helpers() -> dict:
    return {"label": label, "now": time.time()}


def _addresses(pids: list[str]) -> dict[str, str]:
    pipe = store().pipeline()
    for pid in pids:
        pipe.hget(keys.contact(pid), "address")
    return {pid: address or "" for pid, address in zip(pids, pipe.execute())}


def _rows() -> list[dict]:
    r = store()
    active = cases.queue_order(cases.list_cases(r, status="active"))
    addresses = _addresses([c["pid"] for c in active])
    for case in active:
        case["masked"] = cases.mask_address(addresses.get(case["pid"], "")) if case["pid"] else "—"
        case["window_ends"] = cases.whatsapp_window_ends(r, case)
    return active


@bp.get("/")
def queue():
    """Open and claimed cases, most pressing first, updated live."""
    return render_template("dashboard/queue.html", rows=_rows())


@bp.get("/queue/rows")
def queue_rows():
    """The queue table's rows, fetched by the page when a case changes."""
    return render_template("dashboard/_queue_rows.html", rows=_rows())


def _case_or_404(case_id: str) -> dict:
    try:
        return cases.get(store(), case_id)
    except CaseError:
        abort(404)


def _render_case(case: dict, revealed: str = ""):
    r = store()
    address = r.hget(keys.contact(case["pid"]), "address") if case["pid"] else ""
    messages = cases.transcript(r, case["id"])
    return render_template(
        "dashboard/case.html", case=case, messages=messages, notes=cases.notes(r, case["id"]),
        masked=cases.mask_address(address or "") if case["pid"] else "—", revealed=revealed,
        window_ends=cases.whatsapp_window_ends(r, case), snippets=snippets(),
        outcomes=handoff.texts()["outcomes"], colleagues=[u["username"] for u in staff.accounts(r)
                                                         if not u.get("disabled") and u["username"] != g.user["username"]],
        mine=case["status"] == "claimed" and case["assignee"] == g.user["username"],
    )


@bp.get("/cases/<case_id>")
def case_page(case_id: str):
    """One case: transcript (live), reply box, notes and actions."""
    case = _case_or_404(case_id)
    staff.audit(store(), g.user["username"], "view", case_id)
    return _render_case(case)


def _act(case_id: str, action: str, do, detail: str = "", message: str = ""):
    """Run one case action, audit it, and go back to the case page with the result."""
    case = _case_or_404(case_id)
    try:
        do(case)
    except CaseError as exc:
        flash(f"No se pudo: {exc}", "error")
    else:
        staff.audit(store(), g.user["username"], action, case_id, detail)
        if message:
            flash(message, "ok")
    return redirect(url_for("dashboard.case_page", case_id=case_id), 303)


def _holder(case: dict) -> str:
    """Whose claim an action works on: one's own, or anyone's for a supervisor."""
    if case["assignee"] == g.user["username"] or g.user["role"] != "supervisor":
        return g.user["username"]
    return case["assignee"]


@bp.post("/cases/<case_id>/claim")
def claim(case_id: str):
    """Take the case."""
    return _act(case_id, "claim", lambda case: cases.claim(store(), case_id, g.user["username"]), message="Caso tomado.")


@bp.post("/cases/<case_id>/release")
def release(case_id: str):
    """Give the case back to the queue."""
    return _act(case_id, "release", lambda case: cases.release(store(), case_id, _holder(case)), message="Caso liberado.")


@bp.post("/cases/<case_id>/transfer")
def transfer(case_id: str):
    """Hand the case to a colleague."""
    to_user = request.form.get("to", "")
    target = staff.account(store(), to_user)

    def do(case: dict) -> None:
        if not target or target.get("disabled"):
            raise CaseError("no such colleague")
        cases.transfer(store(), case_id, _holder(case), to_user)

    return _act(case_id, "transfer", do, detail=f"to {to_user}", message=f"Caso transferido a {to_user}.")


@bp.post("/cases/<case_id>/reply")
def reply(case_id: str):
    """Send a reply to the contact through the outbound queue."""
    text = request.form.get("text", "").strip()

    def do(case: dict) -> None:
        if case["status"] != "claimed" or case["assignee"] != g.user["username"]:
            raise CaseError("toma el caso antes de responder")
        if not text or len(text) > MAX_REPLY_CHARS:
            raise CaseError(f"la respuesta debe tener entre 1 y {MAX_REPLY_CHARS} caracteres")
        handoff.send_staff_reply(store(), case, g.user["username"], text)

    return _act(case_id, "reply", do, message="Respuesta en cola de envío.")


@bp.post("/cases/<case_id>/note")
def note(case_id: str):
    """Add an internal note."""
    text = request.form.get("text", "")
    return _act(case_id, "note", lambda case: cases.add_note(store(), case_id, g.user["username"], text),
                message="Nota guardada.")


@bp.post("/cases/<case_id>/close")
def close(case_id: str):
    """Close the case with an outcome; the contact is told and goes back to the bot."""
    outcome = request.form.get("outcome", "")
    closing_note = request.form.get("note", "").strip()

    def do(case: dict) -> None:
        if outcome not in handoff.texts()["outcomes"]:
            raise CaseError("elige un resultado")
        closed = cases.close(store(), case_id, _holder(case), outcome)
        if closing_note:
            cases.add_note(store(), case_id, g.user["username"], closing_note)
        if closed["pid"]:
            handoff.hand_back(store(), closed)

    return _act(case_id, "close", do, detail=outcome, message="Caso cerrado; el contacto vuelve al asistente.")


@bp.post("/cases/<case_id>/reveal")
@supervisor_only
def reveal(case_id: str):
    """Show the contact's full address once, to a supervisor, and write it to the audit log."""
    case = _case_or_404(case_id)
    address = store().hget(keys.contact(case["pid"]), "address") if case["pid"] else ""
    staff.audit(store(), g.user["username"], "reveal", case_id, request.form.get("why", "")[:200])
    return _render_case(case, revealed=address or "—")


@bp.get("/audit")
@supervisor_only
def audit():
    """Who viewed or did what, to which case, when."""
    user, case_id = request.args.get("user", "").strip(), request.args.get("case", "").strip()
    staff.audit(store(), g.user["username"], "view_audit", case_id, f"user={user}" if user else "")
    return render_template("dashboard/audit.html", records=staff.audit_log(store(), user=user, case_id=case_id),
                           user=user, case_id=case_id)


@bp.get("/figures")
def figures_page():
    """Open cases by priority, median time to claim, cases per day, outcomes."""
    return render_template("dashboard/figures.html", figures=figures.compute(cases.list_cases(store(), limit=5000)))


def snippets() -> list[str]:
    """The pre-approved replies: as a supervisor last saved them, else the defaults."""
    saved = store().get(keys.STAFF_SNIPPETS)
    return json.loads(saved) if saved else list(handoff.texts()["snippets"])


@bp.route("/snippets", methods=["GET", "POST"])
@supervisor_only
def snippets_page():
    """Supervisors edit the pre-approved replies, one per line."""
    if request.method == "POST":
        lines = [line.strip() for line in request.form.get("snippets", "").splitlines() if line.strip()]
        store().set(keys.STAFF_SNIPPETS, json.dumps([line[:MAX_REPLY_CHARS] for line in lines][:50], ensure_ascii=False))
        staff.audit(store(), g.user["username"], "edit_snippets", detail=f"{len(lines)} snippets")
        flash("Respuestas guardadas.", "ok")
        return redirect(url_for("dashboard.snippets_page"), 303)
    return render_template("dashboard/snippets.html", snippets=snippets())
