"""Staff accounts: passwords, multi-factor sign-in, sessions and throttling."""
