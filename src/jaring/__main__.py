"""`python -m jaring …`: the same command line as the `jaring` script, for child processes that must run
under this very interpreter (the job worker started by `jaring serve`)."""

from jaring.cli import main

if __name__ == "__main__":
    main()
