"""Text handling: Arabic/English normalisation (``normalize``), sentence splitting (``split``) and Arabic
clitic candidates for name matching (``clitics``). Original text is kept for display; these build copies."""
