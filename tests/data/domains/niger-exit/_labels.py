import json, os
HERE = os.path.dirname(os.path.abspath(__file__))
M = "us-niger-withdrawal"

def sc(status, partial=False, new_due=None):
    return [{"milestone": M, "status": status, "new_due": new_due, "partial": partial}]

L = []
def add(**k):
    k.setdefault("split", "dev")
    L.append(k)

# ---------- developments ----------
add(file="n01-pentagon-no-decision-niger.html", published="2024-03-29",
    title="Pentagon: no decision yet on pulling US troops out of Niger",
    relevant=True, milestones=[M], novelty="new", status_change="denied", status_changes=sc("denied"),
    category="development",
    facts=["Pentagon press secretary Maj. Gen. Pat Ryder said on 28 March 2024 that no decision had been made to move US forces out of Niger",
           "Niger's interior ministry said Ambassador Kathleen FitzGibbon told Interior Minister Mohamed Toumba on 27 March that the US would present a disengagement plan",
           "State Department spokesman Matthew Miller said the status of US troops was broadly unchanged"],
    key_sentence="Pentagon press secretary Maj. Gen. Pat Ryder told reporters that no decision had been taken so far on moving US forces out of Niger and that talks with the country's military authorities were still under way.",
    sources=["https://en.sputniknews.africa/20240329/pentagon-says-no-decision-made-yet-on-withdrawal-of-us-forces-from-niger-1065815191.html",
             "https://news.az/news/no-decision-made-on-movement-of-us-forces-from-niger-pentagon",
             "https://www.urdupoint.com/en/world/niger-says-us-to-submit-plan-to-disengage-t-1809840.html"],
    note="An official denies a reported change (Niger said the US would present a disengagement plan; the Pentagon says no withdrawal decision has been made). Published before the May agreement, after the first seed. Judgment call: labelled denied because the article's news is the denial of a reported pullout.")

add(file="n02-campbell-zeine-withdrawal-agreed.html", published="2024-04-20",
    title="Washington agrees to pull its troops out of Niger after talks with prime minister",
    relevant=True, milestones=[M], novelty="new", status_change=None, status_changes=[],
    category="development",
    facts=["On 19 April 2024 Deputy Secretary of State Kurt Campbell and Prime Minister Ali Lamine Zeine agreed in Washington to start talks in Niamey on an orderly withdrawal",
           "No timetable was given at that point",
           "Protest in Niamey on 13 April demanding the US troops leave"],
    key_sentence="Deputy Secretary of State Kurt Campbell and Niger's prime minister, Ali Lamine Zeine, agreed at a meeting in Washington on Friday to begin talks in Niamey on planning an orderly and responsible withdrawal of US troops, a State Department official said.",
    sources=["https://exbulletin.com/world/international/2664336/",
             "https://cameroon-tribune.cm/article.html/64515/fr.html/niger-us-agree-withdraw",
             "https://ninaworldnews.com/2024/04/20/us-military-personnel-preparing-for-departure-from-niger-according-to-state-department-representative"],
    note="An agreement to start planning the withdrawal: a plan, not a status change. New against the seeds (Campbell, 19 April meeting, protests of 13 April).")

add(file="n03-first-c17-leaves-niamey.html", published="2024-06-09",
    title="US pullout from Niger enters redeployment phase as first C-17 leaves Niamey",
    relevant=True, milestones=[M], novelty="new", status_change=None, status_changes=[],
    category="development",
    facts=["A US Air Force C-17 left Air Base 101 in Niamey on 7 June 2024, the first redeployment flight",
           "Niger's army chief of staff said more than 269 of 946 US personnel had left by 7 June",
           "A small US team arrived to help close Air Bases 101 and 201"],
    key_sentence="Colonel-Major Mamane Sani Kiaou, Niger's army chief of staff, said on 7 June that more than 269 of the 946 US military personnel, along with several tonnes of equipment, had left the country since the withdrawal agreement was signed.",
    sources=["https://en.mehrnews.com/news/216250/US-begins-withdrawal-of-troops-from-Niger",
             "https://launchtolead.online/2024/08/06/u-s-troops-disengagement-from-niger-ends-monday",
             "https://swisshubnews.com/finanzen/die-usa-beginnen-mit-dem-truppenabzug-aus-niger/"],
    note="Progress (a step) with new numbers and a date; the deadline is only repeated. Not a completion.")

add(file="n04-ekman-niamey-this-weekend.html", published="2024-07-05",
    title="US commander in Niger: Niamey base empty this weekend, Agadez in August",
    relevant=True, milestones=[M], novelty="new", status_change=None, status_changes=[],
    category="development",
    facts=["Maj. Gen. Kenneth Ekman (5 July 2024): all US troops and equipment to leave Air Base 101 that weekend",
           "Fewer than 500 US troops remain at Air Base 201 and are to leave in August, ahead of the deadline",
           "Small teams of 10 to 20, including special operations forces, moved to other West African countries; most others go to Europe first"],
    key_sentence="He said the fewer than 500 US troops still at Air Base 201 near Agadez would leave in August, ahead of the 15 September deadline agreed with the junta.",
    sources=["https://kesq.com/news/2024/07/05/us-says-troops-are-leaving-niger-bases-this-weekend-and-in-august-after-coup/",
             "https://www.islamtimes.org/en/news/1146217/us-to-complete-withdrawal-from-niger-s-air-base-101"],
    note="Q&A notes. Plans and forecasts ('would be out over the weekend', 'would leave in August'): no status change, but new numbers and destinations.")

add(file="n05-air-base-101-handed-over.html", published="2024-07-08",
    title="US leaves Air Base 101 in Niamey, turns attention to Agadez",
    relevant=True, milestones=[M], novelty="new", status_change="completed", status_changes=sc("completed", partial=True),
    category="development",
    facts=["US forces and assets completed their withdrawal from Air Base 101 in Niamey on 7 July 2024 after a turnover ceremony with the Joint Disengagement Commission",
           "Handover finished ahead of schedule; focus now on Air Base 201 in Agadez",
           "Both sides reaffirm the 15 September date"],
    key_sentence="NIAMEY, July 8 - American forces and equipment have completely left Air Base 101 in Niamey, the Pentagon and Niger's defence ministry said, closing the US compound at the airport base after a handover ceremony on Sunday.",
    sources=["https://garoweonline.com/index.php/en/world/africa/us-troops-withdraw-from-air-base-in-junta-led-niger",
             "https://aerotime.aero/articles/us-military-withdraws-niamey-niger",
             "https://diplomatictimes.net/2024/07/10/u-s-pulls-out-1000-american-troops-in-west-african-nation-niger"],
    note="Partial completion: one of the two bases is handed over; the milestone as a whole is not complete.")

add(file="n06-base-101-retrait-fr.html", published="2024-07-09",
    title="Niger : les militaires américains ont quitté la base aérienne 101 de Niamey",
    relevant=True, milestones=[M], novelty="new", status_change="completed", status_changes=sc("completed", partial=True),
    category="development",
    facts=["Base aérienne 101 handed back to the Nigerien army at a signing ceremony attended by Ambassador FitzGibbon (end of phase one)",
           "766 of about 950 US troops had left",
           "The agreement covers US assets in Niamey, Agadez, Ouallam and Diffa, to leave by 15 September"],
    key_sentence="Niamey, 9 juillet - Le retrait des forces américaines de la base aérienne 101 de Niamey est achevé, ont annoncé lundi le ministère nigérien de la Défense nationale et le département américain de la Défense.",
    sources=["https://usafricaonline.com/2024/07/09/u-s-troops-complete-first-phase-of-withdrawal-from-niger/",
             "https://783093661.r.worldcdn.net/Detail/2024/07/09/729011/Niger-US-troops-withdrawal-Niamey-military-deal-",
             "https://ussto.com/news/detail/XDWRlYQpxssD8VawOlXd"],
    note="French-language article. Partial completion (Niamey base); new places Ouallam and Diffa and the 766/950 count.")

add(file="n07-ekman-abidjan-early-august.html", published="2024-07-25",
    title="US expects to finish Niger exit in early August",
    relevant=True, milestones=[M], novelty="new", status_change=None, status_changes=[],
    category="development",
    facts=["Ekman (24 July 2024, Abidjan) expects the withdrawal to be finished in early August, well before 15 September",
           "About 200 US soldiers remain at the Agadez drone base"],
    key_sentence="ABIDJAN, July 24 - The American pullout from Niger should be wrapped up in early August, well before the 15 September deadline, Maj. Gen. Kenneth Ekman of US Africa Command told reporters in Abidjan on Wednesday.",
    sources=["https://caliber.az/en/post/us-troop-withdrawal-from-niger-to-wrap-up-by-early-august",
             "https://iafrica.com/us-troops-to-complete-niger-withdrawal-by-early-august/",
             "https://linformation.ma/news/monde/niger-les-soldats-americains-se-retireront-definitivement-debut-aout/50860"],
    note="A forecast of early completion is not a completion and not a new due date. The denial in the last paragraph concerns a rumoured base at Odienné in Côte d'Ivoire, not this milestone.")

add(file="n08-agadez-handover-liveblog.html", published="2024-08-05",
    title="Africa live: US hands over Agadez drone base, its last in Niger",
    relevant=True, milestones=[M], novelty="new", status_change="completed", status_changes=sc("completed", partial=True),
    category="development",
    facts=["US forces and assets completed their withdrawal from Air Base 201 in Agadez on 5 August 2024 (joint statement)",
           "Fewer than two dozen US personnel remain at the embassy in Niamey for administrative tasks",
           "Coordination continues over the coming weeks to finish the full withdrawal"],
    key_sentence="American troops and equipment have now fully left Air Base 201 outside Agadez, according to a joint statement issued on Monday by the Pentagon and Niger's defence ministry.",
    sources=["https://www.ajc.com/news/nation-world/us-hands-over-the-last-military-base-in-niger-to-the-ruling-junta/Q6WQQPXPSZDJDHNLM645YR5S2A/",
             "https://menafn.com/1108519398/Pentagon-Announces-US-Forces-Withdrawal-From-Nigers-Agadez-Air-Base",
             "https://pledgetimes.com/us-completes-withdrawal-of-troops-from-last-base-in-niger/",
             "https://launchtolead.online/2024/08/06/u-s-troops-disengagement-from-niger-ends-monday",
             "https://voaswahili.com/a/wanajeshi-wa-mwisho-wa-marekani-waondoka-niger/7731443.html"],
    note="Live blog, newest first, with two unrelated entries. Both bases are now handed over but about two dozen personnel remain and the statement itself says the full withdrawal is still to be finished: completed, partial.")

add(file="n09-withdrawal-complete-wire.html", published="2024-09-16",
    title="US military says its withdrawal from Niger is complete",
    relevant=True, milestones=[M], novelty="new", status_change="completed", status_changes=sc("completed"),
    category="development",
    facts=["Pentagon (16 September 2024): the withdrawal of US troops from Niger is complete",
           "Only a small detachment guarding the US embassy remains",
           "AFRICOM coordination element (two-star general and staff) has left; done by the agreed 15 September date"],
    key_sentence="DAKAR, Sept 16 - The United States has finished pulling its troops out of Niger, a Pentagon spokesperson said on Monday, leaving behind only a small detachment assigned to guard the US embassy in Niamey.",
    sources=["https://kesq.com/news/2024/09/16/us-military-completes-withdrawal-from-junta-ruled-niger/",
             "https://africa.cgtn.com/u-s-military-completes-withdrawal-from-niger",
             "https://www.business-standard.com/amp/world-news/us-military-completes-withdrawal-from-junta-ruled-niger-says-official-124091700010_1.html"],
    note="Full completion, on time. Embassy guards are not part of the withdrawal.")

add(file="n10-release-digest-withdrawal-finished.html", published="2024-09-17",
    title="Release digest: Pentagon and Niger declare US withdrawal finished",
    relevant=True, milestones=[M], novelty="new", status_change="completed", status_changes=sc("completed"),
    category="development",
    facts=["Joint statement of 16 September 2024: withdrawal of US forces and equipment from Niger completed",
           "Sequence: started 19 May; Air Base 101 left 7 July; Air Base 201 left 5 August; AFRICOM coordination element departed",
           "Finished without complications by the agreed 15 September date"],
    key_sentence="In a joint statement dated 16 September, the US Department of Defense and Niger's Ministry of National Defence declared that the withdrawal of US forces and equipment from Niger has been completed.",
    sources=["https://unn.ua/en/news/the-us-has-completed-its-withdrawal-from-niger",
             "https://africa.cgtn.com/u-s-military-completes-withdrawal-from-niger",
             "https://news.az/news/us-finalizes-withdrawal-of-troops-from-niger"],
    note="Release digest summarising official statements in the page's own words.")

add(file="n11-sahel-briefing-newsletter.html", published="2024-09-18",
    title="The Sahel Briefing: Bamako attacked, floods, and the Americans are gone",
    relevant=True, milestones=[M], novelty="new", status_change="completed", status_changes=sc("completed"),
    category="development",
    facts=["Pentagon said on 16 September 2024 that the US pullout from Niger was finished; only embassy guards remain",
           "Both bases had been handed over in July and August; deadline met early"],
    key_sentence="Washington's troops are out of Niger: the Pentagon said on Monday that the pullout demanded by the junta was finished, with only embassy guards left behind.",
    sources=["https://hiiraanweyn.net/2024/09/17/us-military-completes-withdrawal-from-junta-ruled-niger",
             "https://www.newsx.com/world/us-completes-troop-withdrawal-from-niger-as-country-shifts-allegiances/",
             "https://medafricatimes.com/36425-mali-large-scale-jnim-jihadist-symbolic-attacks-in-bamako.html",
             "https://linfo.re/monde/afrique/niger-pluies-torrentielles-meurtrieres-plus-d-un-million-de-sinistres-depuis-juin"],
    note="Newsletter; the milestone is item 3 of 4 (Bamako attack and Niger floods are unrelated items).")

add(file="n12-langley-coastal-states.html", published="2024-09-19",
    title="After Niger and Chad, US looks to coastal West Africa",
    relevant=True, milestones=[M], novelty="new", status_change="completed", status_changes=sc("completed"),
    category="development",
    facts=["The last US troops left Niger in mid-September 2024, completing the withdrawal from the Niamey and Agadez bases",
           "Langley: the troops were withdrawn carefully, safely and without incident; AFRICOM in talks with Côte d'Ivoire, Ghana and Benin"],
    key_sentence="The last US troops left Niger in mid-September, completing a withdrawal from the Niamey and Agadez air bases that the junta had demanded.",
    sources=["https://taskandpurpose.com/news/us-west-africa-counter-terrorism/",
             "https://fr.allafrica.com/stories/202409170759.html",
             "https://www.toutafrica.com/2024/09/11/les-etats-unis-relocalisent-leurs-forces-apres-la-rupture-avec-le-niger-et-le-tchad/"],
    note="Mostly about repositioning to coastal states (look-alike territory), but it states the completion of this withdrawal. Against the baseline that is new, so completed.")

add(file="n13-on-this-day-last-us-troops.html", published="2025-09-16",
    title="On this day: the last US troops leave Niger",
    relevant=True, milestones=[M], novelty="new", status_change="completed", status_changes=sc("completed"),
    category="development",
    facts=["Retrospective: the Pentagon announced on 16 September 2024 that the last US troops had left Niger, with the 15 September deadline met",
           "Air Base 101 handed back on 7 July and Agadez on 5 August 2024",
           "Later: Langley (Nairobi, May 2025) said the drawdown limited monitoring; Gen. Dagvin Anderson confirmed as AFRICOM commander on 31 July 2025"],
    key_sentence="A year ago today, the Pentagon announced that the last American troops had left Niger, a day after the 15 September deadline agreed with the country's military rulers had passed with the pullout finished.",
    sources=["https://kesq.com/news/2024/09/16/us-military-completes-withdrawal-from-junta-ruled-niger/",
             "https://21stcenturychronicle.com/us-warns-terrorists-advancing-towards-west-africas-coastline/",
             "https://saxafimedia.com/10-things-know-africom-chief-dagvin-anderson"],
    note="'On this day' history of this same milestone, a year later; date only in visible text (16/9/2025). Judgment call: labelled completed because the article reports the completion, which the baseline does not contain.")

# ---------- background ----------
add(file="b01-us-delegation-niamey-talks.html", published="2024-05-16",
    title="US delegation in Niamey to negotiate troop exit",
    relevant=True, milestones=[M], novelty="background", status_change=None, status_changes=[],
    category="background", facts=[],
    key_sentence="The delegation, led by Christopher Maier, the assistant secretary of defense for special operations and low-intensity conflict, and including Lt. Gen. Dagvin Anderson of the Joint Staff, began meetings with Nigerien officials on Wednesday.",
    sources=["https://vidianews.com/us-lays-out-plans-for-withdrawing-troops-from-niger",
             "https://thendralentertainment.com/world-news/u-s-lays-out-plans-for-withdrawing-troops-from-niger/"],
    note="News at the time, but everything in it (Maier, Anderson, talks in Niamey, flight clearances, commercial flights, fewer than 1,000 troops) is already in the second seed.")

add(file="b02-intelligence-gap-agadez.html", published="2024-06-25",
    title="US officials warn loss of Agadez base blurs view of Sahel militants",
    relevant=True, milestones=[M], novelty="background", status_change=None, status_changes=[],
    category="background", facts=[],
    key_sentence="Niger's military rulers have given US forces until 15 September to leave, which means giving up the drone base near Agadez that cost more than $100 million to build.",
    sources=["https://usafricaonline.com/2024/06/25/u-s-sithdrawal-from-niger-complicates-west-african-insurgency-monitoring",
             "https://africanewswatch.com/2024/06/us-intelligence-warns-of-escalating-insurgencies-in-west-africa-following-withdrawal-from-niger"],
    note="About the intelligence consequences; the milestone sentence only restates the deadline and the Agadez base. Langley's remarks are new but say nothing about the withdrawal's progress.")

add(file="b03-aes-confederation-niamey.html", published="2024-07-07",
    title="Sahel juntas sign confederation treaty in Niamey",
    relevant=True, milestones=[M], novelty="background", status_change=None, status_changes=[],
    category="background", facts=[],
    key_sentence="Niger's junta also tore up its military accord with Washington in March, and the roughly 1,000 US troops in the country are due to be gone by 15 September under a deal struck in May.",
    sources=["https://783093661.r.worldcdn.net/Detail/2024/07/09/729011/Niger-US-troops-withdrawal-Niamey-military-deal-",
             "https://westernlifenewsng.com/burkina-faso-mali-and-niger-to-officially-exit-ecowas-by-2025"],
    note="AES/ECOWAS news (a look-alike topic) with one paragraph that restates the baseline plan.")

add(file="b04-chad-us-troops-after-election.html", published="2024-05-21",
    title="Pentagon hopes to revisit Chad troop deal after election",
    relevant=True, milestones=[M], novelty="background", status_change=None, status_changes=[],
    category="background", facts=[],
    key_sentence="In neighbouring Niger, the Pentagon and the junta agreed on Sunday that all US forces will be out by 15 September, ending a decade of counterterrorism operations from bases in Niamey and Agadez.",
    sources=["https://nybreaking.com/us-troops-will-complete-their-withdrawal-from-niger-by-mid-september-the-pentagon-says/",
             "https://www.cbc.bb/news/international-news/us-withdraws-troops-from-chad/"],
    note="About US forces in Chad (look-alike); the Niger sentence repeats the 19 May agreement from the seed.")

# ---------- republication ----------
add(file="r01-seed-agreement-aggregator.html", published="2024-05-20",
    title="Niger: US troops to leave by September 15 under disengagement deal",
    relevant=True, milestones=[M], novelty="baseline_repeat", status_change=None, status_changes=[],
    category="republication", facts=[],
    key_sentence="NIAMEY/WASHINGTON — The United States will complete the withdrawal of its forces from Niger no later than 15 September, the US Department of Defense and Niger's Ministry of National Defence said in a joint statement on Sunday (19 May) after four days of talks in Niamey.",
    sources=["seeds/002_us_niger_withdrawal_agreed.txt"],
    note="Aggregator copy of the second seed: new headline, trimmed (one sentence and the closing paragraphs dropped), credit line and trending links.")

# ---------- hard negatives ----------
add(file="h01-on-this-day-french-leave-niger.html", published="2024-12-22",
    title="On this day in 2023: France's last soldiers leave Niger",
    relevant=False, milestones=[], novelty="none", status_change=None, status_changes=[],
    category="hard_negative", facts=[],
    key_sentence="The last French soldiers stationed in Niger flew out of Niamey on the morning of 22 December 2023, bringing to an end a decade in which Niger had been a hub of France's fight against jihadist groups in the Sahel.",
    sources=["http://en.people.cn/n3/2023/1223/c90000-20114097.html",
             "https://russia-islworld.ru/en/novosti//media-france-completes-withdrawal-of-troops-from-niger-2023-12-22-38492"],
    note="History of another country's withdrawal from the same country and the same Niamey air base, with the same Nigerien army chief; completed wording.")

add(file="h02-russian-instructors-arrive.html", published="2024-04-12",
    title="Russian military instructors land in Niger with air-defence system",
    relevant=False, milestones=[], novelty="none", status_change=None, status_changes=[],
    category="hard_negative", facts=[],
    key_sentence="NIAMEY, April 12 (Pan-African Ledger) - A team of Russian military instructors arrived in Niamey late on Wednesday with equipment that includes an air-defence system, Niger's state broadcaster RTN reported.",
    sources=["https://rt.com/africa/595778-niger-russian-military-instructors/amp",
             "https://www.bnnbloomberg.ca/niger-receives-russian-military-instructors-rtn-says-1.2058131"],
    note="Foreign forces arriving in Niger, not the US leaving; the text never mentions US troops.")

add(file="h03-us-special-forces-leave-chad.html", published="2024-05-01",
    title="US special forces leave Chad for Germany",
    relevant=False, milestones=[], novelty="none", status_change=None, status_changes=[],
    category="hard_negative", facts=[],
    key_sentence="The US military has finished moving about 60 special operations troops out of Chad to Germany, a Pentagon spokesperson said on Wednesday, describing the step as temporary.",
    sources=["https://www.cbc.bb/news/international-news/us-withdraws-troops-from-chad/",
             "https://newssloth.com/uniondailypost/us-troops-pulled-out-of-chad-as-another-african-nation-boots-us-out/?aff_id=1037&utm_placement=uniondailypost"],
    note="US troops, a completed relocation and a Sahel junta, but Chad, not Niger.")

add(file="h04-german-troops-leave-niamey.html", published="2024-08-31",
    title="Last German troops leave Niger as Bundeswehr closes Niamey air hub",
    relevant=False, milestones=[], novelty="none", status_change=None, status_changes=[],
    category="hard_negative", facts=[],
    key_sentence="The last German soldiers left Niger on Friday after the Bundeswehr handed its air transport facility at Air Base 101 in Niamey back to Nigerien forces, a day before an interim arrangement for the base was due to run out.",
    sources=["https://aussiedlerbote.de/en/completion-of-german-troop-withdrawal-from-niamey-nigers-capital",
             "https://deutsch.news-pravda.com/world/2024/08/30/214088.html",
             "https://afrinz.ru/en/2024/07/german-military-to-leave-air-transport-base-in-niger/"],
    note="Same base (Air Base 101), same army chief, a completed withdrawal before a deadline, but German forces. The related-links box names the Agadez handover; that is boilerplate and does not count.")

add(file="h05-france-hands-over-kossei-chad.html", published="2025-01-31",
    title="France hands over last Chad base, ending military presence",
    relevant=False, milestones=[], novelty="none", status_change=None, status_changes=[],
    category="hard_negative", facts=[],
    key_sentence="N'DJAMENA, Jan 31 - France handed its last military base in Chad, the Sergent Adji Kossei camp in N'Djamena, to the Chadian army on Thursday, a day before the deadline Chad had set for French troops to be gone.",
    sources=["https://kigalijournal.com/france-completes-military-withdrawal-from-chad",
             "https://afronewswire.com/index.php/2025/01/31/france-completes-military-withdrawal-from-chad-ending-defence-pact",
             "https://en.mehrnews.com/news/227643/Chad-announces-full-pullout-of-French-troops"],
    note="Another country's withdrawal completed a day before its deadline.")

add(file="h06-france-port-bouet-cote-divoire.html", published="2025-02-20",
    title="France returns Port-Bouët base to Côte d'Ivoire",
    relevant=False, milestones=[], novelty="none", status_change=None, status_changes=[],
    category="hard_negative", facts=[],
    key_sentence="France formally gave its Port-Bouët military camp near Abidjan back to Côte d'Ivoire on Thursday, although around 80 French soldiers will stay on for training missions.",
    sources=["https://brusselstimes.com/1452604/france-hands-over-major-military-base-to-cote-divoire",
             "https://panxmedia.blogspot.com/2025/02/france-hands-over-its-port-bouet.html"],
    note="Base handover with a small residual contingent (like the US embassy detachment), but France in Côte d'Ivoire.")

add(file="h07-sahel-states-leave-ecowas.html", published="2025-01-29",
    title="Mali, Burkina Faso and Niger formally leave ECOWAS",
    relevant=False, milestones=[], novelty="none", status_change=None, status_changes=[],
    category="hard_negative", facts=[],
    key_sentence="The withdrawal of Mali, Burkina Faso and Niger from the Economic Community of West African States took effect on Wednesday, a year after the three military-ruled countries announced they were quitting the bloc.",
    sources=["https://afrinz.ru/en/2024/12/ecowas-summit-sets-date-for-withdrawal-of-mali-burkina-faso-and-niger-from-the-union/",
             "https://truthnigeria.com/2024/12/west-african-bloc-faces-split-as-3-nations-confirm-exit",
             "https://braincancer.einnews.com/search/Mali?page=4&search_site=no"],
    note="'Withdrawal' of Niger that 'took effect', with a transition deadline, but from a regional bloc.")

# ---------- unrelated ----------
add(file="x01-benin-detains-nigeriens-oil-terminal.html", published="2024-06-07",
    title="Benin detains five Nigeriens at oil terminal as export row deepens",
    relevant=False, milestones=[], novelty="none", status_change=None, status_changes=[],
    category="unrelated", facts=[],
    key_sentence="COTONOU/NIAMEY, June 7 - Authorities in Benin have detained five Nigerien nationals accused of getting into the Sèmè-Kpodji oil terminal by deception, deepening a dispute over crude exports from landlocked Niger.",
    sources=["https://naija247news.com/2024/06/08/benin-detains-five-niger-nationals-over-alleged-pipeline-terminal-intrusion-amid-export-dispute/"],
    note="Niger news with no military content.")

add(file="x02-niger-floods-final-toll.html", published="2025-03-01",
    title="Niger's 2024 floods killed nearly 400, final toll shows",
    relevant=False, milestones=[], novelty="none", status_change=None, status_changes=[],
    category="unrelated", facts=[],
    key_sentence="Floods during Niger's 2024 rainy season killed 396 people and affected more than 1.5 million, Interior Minister Mohamed Toumba said on Saturday in a final toll.",
    sources=["https://myrepublica.nagariknetwork.com/amp/news/nigers-2024-floods-killed-400-affected-15-mn-toll-62-91.html"],
    note="Mentions Agadez, Niamey and Mohamed Toumba, but it is about floods.")

add(file="x03-niger-nationalises-somair.html", published="2025-06-20",
    title="Niger moves to nationalise Orano-run Somaïr uranium venture",
    relevant=False, milestones=[], novelty="none", status_change=None, status_changes=[],
    category="unrelated", facts=[],
    key_sentence="Niger's military government said on Thursday it would nationalise Somaïr, the uranium mining venture run by French group Orano, accusing the company of irresponsible and unfair conduct.",
    sources=["https://trt.global/afrika-english/article/a54306856ae2",
             "https://zambianobserver.com/nigers-government-has-announced-plans-to-nationalise-the-somair-uranium-joint-venture-operated-by-french-nuclear-fuels-company-orano/"],
    note="Niger and France, resources, no troops.")

with open(os.path.join(HERE, "labels.json"), "w", encoding="utf-8") as f:
    json.dump(L, f, ensure_ascii=False, indent=2)
print(len(L))
