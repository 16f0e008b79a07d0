"""Settings for bench/throughput.py: production's, with a bare view beside the real pages (bench/throughput_urls.py)."""

from cms.settings.production import *  # noqa: F403

ROOT_URLCONF = "throughput_urls"
