"""What a person over a rate limit (settings.RATE_LIMITS) is told, for the limits lowered to a few a minute."""

WAIT = {
    "en": "You have done this too many times in a short while. Please try again in 1 minute.",
    "id": "Anda terlalu sering melakukan ini dalam waktu singkat. Silakan coba lagi dalam 1 menit.",
}
