"""Appointment reminders that say nothing clinical (issue 14; docs/reminders.md).

Pure parts: `schedule` (what is due, quiet hours, back-off, local time), `message` (what a
reminder may say). Ports and adapters: `ports` (the SMS provider port), `sms_http` (one HTTP
adapter). The use case: `service.ReminderService` (the outbox, through the gate)."""
