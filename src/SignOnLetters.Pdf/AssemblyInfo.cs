namespace SignOnLetters.Pdf;
