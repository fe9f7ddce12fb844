"""The shell's kernel: what every app of ``gongkai.web`` shares, below all of them.

It imports ``gongkai.core``, Django and the shell's plain helper modules, never an app:
apps register what the kernel must reach (the calendar, a case's uploaded files, steps'
hooks) when Django loads them (``AppConfig.ready``). The layers and where new code goes:
docs/architecture.md; the contract itself: tests/test_import_contract.py.
"""
