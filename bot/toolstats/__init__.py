"""/toolstats: show interviewers where the questionnaire troubles respondents."""
