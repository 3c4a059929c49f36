"""What a message means for the bot: who is talking, what to answer, when to ask instead."""
