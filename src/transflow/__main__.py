from transflow.cli import main

main()
