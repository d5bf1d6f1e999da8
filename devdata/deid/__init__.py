"""The de-identifier's synthetic development set (`devset`) and its negative control
(`devset_controls`): every person, place and note in them is made up from a seed."""
