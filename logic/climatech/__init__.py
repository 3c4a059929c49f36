"""Climatech after-sales: knowledge, parts and products, hours, offers, guides, adviser, forms."""
