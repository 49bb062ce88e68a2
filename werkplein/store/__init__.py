"""SQLCipher storage: profile unlock, migrations, the one write path and the change log."""
