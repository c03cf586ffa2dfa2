"""Front ends for file formats: each turns a file's text into documents for the lint core."""
