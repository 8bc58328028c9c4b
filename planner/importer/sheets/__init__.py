"""Reading a list file (an Excel workbook or a CSV file) into the rows of one sheet."""
