"""Where a failed run's summary goes besides the operations folder: a webhook, e-mail, or both
(config.toml `[alerts]`; both off by default).

The summary file beside the data is the record; an alert is a copy sent to people. Delivery
never raises: a destination that cannot be reached is named in the sensor's log and the summary
file is written regardless, so a broken mail server never hides a failed run.

- Webhook: an HTTP POST of `{"text": <summary>, "subject": ..., "run_id": ..., "year": ...}` as
  JSON, the shape chat tools' incoming webhooks take (`text`).
- E-mail: plain text through an SMTP server (STARTTLS when configured); the password, if the
  server needs one, comes from the WRES_SMTP_PASSWORD environment variable, never the file.
"""

import json
import os
import smtplib
import urllib.request
from dataclasses import dataclass
from email.message import EmailMessage

TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class Alert:
    """One failed run, as an alert says it."""

    subject: str
    text: str
    run_id: str
    year: str


def deliver(alert: Alert, settings) -> list[str]:
    """Send the alert to every configured destination (`AlertSettings`); return one line for
    each destination that could not be reached."""
    problems = []
    if settings.webhook_url:
        try:
            _post(settings.webhook_url, alert)
        except (OSError, ValueError) as error:  # URLError and HTTPError are OSErrors
            problems.append(f"webhook {settings.webhook_url}: {error}")
    if settings.email_to:
        try:
            _mail(settings, alert)
        except (OSError, smtplib.SMTPException) as error:
            problems.append(f"e-mail via {settings.smtp_host}:{settings.smtp_port}: {error}")
    return problems


def _post(url: str, alert: Alert) -> None:
    body = json.dumps({"text": alert.text, "subject": alert.subject, "run_id": alert.run_id,
                       "year": alert.year}).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
        response.read()


def _mail(settings, alert: Alert) -> None:
    message = EmailMessage()
    message["Subject"] = alert.subject
    message["From"] = settings.email_from
    message["To"] = ", ".join(settings.email_to)
    message.set_content(alert.text)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_SECONDS) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, os.environ.get("WRES_SMTP_PASSWORD", ""))
        smtp.send_message(message)
