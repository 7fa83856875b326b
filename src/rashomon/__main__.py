"""`python -m rashomon`."""

from rashomon.cli import main

main()
