from govreport.cli import console

console()
