from .cli import main

main(prog_name="county-figures")
