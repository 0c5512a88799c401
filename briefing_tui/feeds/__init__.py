"""Feed subscriptions and their fetching: what ``feeds:`` in config.yaml names, and a polite,
bounded fetcher that saves each feed document where the dashboard opens it offline (no UI)."""
