"""Run the job-advert risk check from the command line: python -m bot.risk "texto del aviso"."""
import sys

from .cli import main

sys.exit(main())
