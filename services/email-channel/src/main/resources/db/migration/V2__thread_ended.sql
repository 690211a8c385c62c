-- A conversation is over once its contact ended; the customer's next message opens a new contact.
ALTER TABLE email_thread ADD COLUMN ended_at timestamptz;
