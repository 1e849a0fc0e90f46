"""Which notifications are due: from the journal's events, and from the cases' due times.

Nothing here sends or writes: each function returns the messages to queue, each under a
key that names what it is about and for whom, so queueing the same plan twice adds nothing.
- a registration (`terdaftar`) or an applied status (`status_diubah`) event: the actors of
  the step the case now waits for;
- a step past its standard time: its actors and the first actor of the step before it,
  once per case and status;
- at `daily_digest_hour`, once a day: every overdue case, to everyone concerned by one.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

from pipeline import journal as J
from pipeline.journal.mail import NewMail
from pipeline.notify import messages as M
from pipeline.notify.channels import Channel
from pipeline.policy.sop import Sop

EVENTS = ("terdaftar", "status_diubah")


@dataclass(frozen=True)
class Plan:
    root: Path
    journal: J.Journal
    sop: Sop
    channel: Channel
    tz: object  # a tzinfo, or None for local time

    def view(self, case: J.CaseRecord, status: str | None = None, since: datetime | None = None) -> M.CaseView:
        status = status or case.status
        since = (since or datetime.fromisoformat(case.status_since)).astimezone(self.tz)
        try:
            perihal = json.loads(case.letter_json).get("perihal")
        except (ValueError, AttributeError):
            perihal = None
        step = self.sop.pending_step(status) if self.sop.canonical(status) else None
        due = self.sop.due_time(status, since) if step else None
        return M.CaseView(case.agenda_no, M.safe(case.company, "(perusahaan tidak terbaca)"), M.safe(perihal),
                          status, since, self.root / case.folder, step, due)

    def by_address(self, actors: list[str]) -> dict[str, list[str]]:
        """{address: [its roles among `actors`]}, in the order the actors come."""
        out: dict[str, list[str]] = {}
        for actor in actors:
            for address in self.channel.addresses(actor):
                roles = out.setdefault(address, [])
                if actor not in roles:
                    roles.append(actor)
        return out

    def mails(self, key: str, view: M.CaseView | None, actors: list[str],
              render: Callable[[list[str]], tuple[str, str]]) -> list[NewMail]:
        out = []
        for address, roles in self.by_address(actors).items():
            subject, body = render(roles)
            out.append(NewMail(f"{key}:{address.lower()}", self.channel.name, address,
                               view.agenda_no if view else None, subject, body))
        return out


def for_event(plan: Plan, event: J.Event) -> list[NewMail]:
    """The messages one registration or applied status calls for (none for a final status)."""
    try:
        case = plan.journal.case(str(event.agenda_no))
    except KeyError:
        return []
    at = datetime.fromisoformat(event.at)
    if event.what == "terdaftar":
        view = plan.view(case, plan.sop.initial, at)
    else:
        view = plan.view(case, str(event.details.get("baru")), at)
    if view.step is None:
        return []
    old = str(event.details.get("lama") or "")
    render = ((lambda roles: M.registered(view, roles)) if event.what == "terdaftar"
              else (lambda roles: M.status_applied(view, roles, old)))
    return plan.mails(f"{plan.channel.name}:peristiwa:{event.id}", view, list(view.step.actors), render)


def overdue_views(plan: Plan, now: datetime) -> list[tuple[J.CaseRecord, M.CaseView]]:
    out = []
    for case in plan.journal.cases():
        if plan.journal.input(case.input_id).state != J.TERDAFTAR:
            continue  # not (yet) registered, or its file was taken away mid-way
        view = plan.view(case)
        if view.step is not None and view.due is not None and now > view.due:
            out.append((case, view))
    return out


def concerned(plan: Plan, view: M.CaseView) -> list[str]:
    """A late step's actors, and the first actor of the step before it (who handed it on)."""
    actors = list(view.step.actors) if view.step else []
    before = plan.sop.step_setting(view.status).actors if plan.sop.canonical(view.status) else ()
    if before and before[0] not in actors:
        actors.append(before[0])
    return actors


def reminders(plan: Plan, now: datetime) -> list[NewMail]:
    out = []
    for case, view in overdue_views(plan, now):
        key = f"{plan.channel.name}:terlambat:{case.agenda_no}:{case.status}:{case.status_since}"
        out += plan.mails(key, view, concerned(plan, view), lambda roles, v=view: M.overdue(v, roles, now))
    return out


def digest(plan: Plan, now: datetime) -> list[NewMail]:
    views = [v for _, v in overdue_views(plan, now)]
    if not views:
        return []
    actors: list[str] = []
    for v in views:
        actors += [a for a in concerned(plan, v) if a not in actors]
    key = f"{plan.channel.name}:ringkasan:{now.date().isoformat()}"
    return plan.mails(key, None, actors, lambda roles: M.digest(views, roles, now))
