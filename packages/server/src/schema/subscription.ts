// Filled by the billing API work (issue 4).
