#!/bin/sh
# Bring the database up to date and load the reference data (a no-op once loaded), then serve.
set -e
python manage.py migrate --noinput
python manage.py createcachetable
python manage.py load_reference_data
exec "$@"
