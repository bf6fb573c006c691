"""Quality checks on translations, and the project glossary they rely on."""
