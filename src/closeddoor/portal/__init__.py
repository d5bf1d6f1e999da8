"""The client portal: invitations, client sign-in and sessions, the client's own record, and
who has looked at it."""
