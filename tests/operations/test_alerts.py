"""A failed run's alert reaches a real webhook receiver and a real SMTP server on 127.0.0.1, and
a destination that cannot be reached is reported, never raised."""

import socket

from wres_pipeline.alerts import Alert, deliver
from wres_pipeline.resources import AlertSettings

ALERT = Alert("WRES pipeline: the run for 2021 failed at staging__esr_staff_in_post",
              "# Run abc failed\n\n- WRES year: 2021\n", "abc", "2021")


def test_nothing_is_sent_by_default():
    assert deliver(ALERT, AlertSettings()) == []


def test_the_alert_reaches_the_webhook_and_the_mailbox(webhook, smtp):
    url, posted = webhook
    port, mails = smtp
    settings = AlertSettings(webhook_url=url, email_to=["wres-team@example.nhs.uk"],
                             smtp_host="127.0.0.1", smtp_port=port)
    assert deliver(ALERT, settings) == []
    ((content_type, body),) = posted
    assert content_type == "application/json"
    assert body == {"text": ALERT.text, "subject": ALERT.subject, "run_id": "abc",
                    "year": "2021"}
    (mail,) = mails
    assert mail["Subject"] == ALERT.subject and mail["To"] == "wres-team@example.nhs.uk"
    assert "WRES year: 2021" in mail.get_payload()


def test_an_unreachable_destination_is_named_not_raised(webhook):
    url, _ = webhook
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    settings = AlertSettings(webhook_url=f"http://127.0.0.1:{closed}/hook",
                             email_to=["wres-team@example.nhs.uk"], smtp_host="127.0.0.1",
                             smtp_port=closed)
    problems = deliver(ALERT, settings)
    assert len(problems) == 2
    assert problems[0].startswith(f"webhook http://127.0.0.1:{closed}/hook: ")
    assert problems[1].startswith(f"e-mail via 127.0.0.1:{closed}: ")
