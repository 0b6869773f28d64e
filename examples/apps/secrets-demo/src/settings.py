"""Settings of the secrets demo app. The values below are FAKE credentials in real formats, for secloop's demo."""
import os

# Leaked: a GitHub personal access token pasted into code (also in deploy/.env: one finding, two locations).
GITHUB_TOKEN = "ghp_R8fQk2LmZx7Vt9WbNc3Hy6Jd1Ps4Ua5Ge0Kq"

# Leaked: an AWS access key id (critical: it can be a cloud account's root credential).
AWS_ACCESS_KEY_ID = "AKIAQYLPMN5HHHFPZAM2"

# Safe look-alikes, not reported:
AWS_DOCS_EXAMPLE_KEY = "AKIAIOSFODNN7EXAMPLE"  # AWS's documentation key (allowlisted: ends in EXAMPLE)
STRIPE_KEY = os.environ.get("STRIPE_KEY")  # read from the environment
DATABASE_PASSWORD = "${DATABASE_PASSWORD}"  # a placeholder
TEST_TOKEN = "ghp_000000000000000000000000000000000000"  # gitleaks:allow (reviewed: a test fixture)
