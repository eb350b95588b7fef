"""What people and bodies hold: memberships, portfolios and renewals."""
