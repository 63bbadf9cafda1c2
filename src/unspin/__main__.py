"""``python -m unspin`` runs the command line, like the ``unspin`` script."""

from unspin.cli import main

main()
