from ketenmonitor.cli import main

main()
