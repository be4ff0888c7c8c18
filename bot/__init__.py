"""Chamba Segura: an SMS/WhatsApp assistant against deceptive job offers."""
