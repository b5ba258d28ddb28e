"""The wizard: its steps, the forms behind them and where unfinished answers are kept."""
