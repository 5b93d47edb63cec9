"""Pure business rules: contributions, benefits, eligibility, NIK.

Nothing here imports Django or any other part of Jaring (an import-linter contract enforces it),
so every rule runs and is tested without a database or a clock.
"""
