"""The applicant portal's pure rules: identifiers and their check digits, masking for public
pages, tracking numbers, the no-JS challenge, attachment sniffing, rate strings, and the
tables of what an applicant sees of a case. No Django import."""
