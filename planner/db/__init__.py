"""SQLite storage: models, engine, migrations, backups. Only this package and services touch a Session."""
