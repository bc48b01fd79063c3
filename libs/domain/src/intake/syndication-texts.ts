// Test texts for the near-duplicate threshold, written for Talkwatch (invented events): one wire
// story, copies of it as outlets run them, and other stories about the same talks.

export const wireStory = `Negotiators from Arvenia and the Coastal Federation met for a third day in Geneva on Wednesday, seeking to close the remaining gaps in a draft agreement on the disputed river delta.
Officials on both sides described the atmosphere as businesslike. The Arvenian delegation, led by deputy foreign minister Lena Kovar, pressed for a joint commission to manage water releases from the upstream dam, while the federation's envoy, Tomas Brandt, insisted that any commission must include independent hydrologists.
A spokesperson for the Swiss foreign ministry, which is hosting the talks, said the two teams had agreed on the text of four of the seven chapters. The chapters still open concern the timetable for withdrawing border police, compensation for flooded farmland and the status of two islands in the delta.
Kovar told reporters that Arvenia would not sign an agreement that left the islands question to a later round. Brandt said the federation was ready to discuss a shared administration of the islands for an interim period of ten years.
The talks are due to continue on Thursday. Diplomats said a fourth round could be scheduled for next month in Vienna if the delegations fail to finish the draft this week.`;

/** The same story as another outlet runs it: its own opening line, a word changed here and there. */
export const lightlyEditedCopy = `GENEVA (Wire Desk) - Negotiators from Arvenia and the Coastal Federation met for a third straight day in Geneva on Wednesday, seeking to close the last gaps in a draft agreement on the disputed river delta.
Officials on both sides described the mood as businesslike. The Arvenian delegation, led by deputy foreign minister Lena Kovar, pressed for a joint commission to manage water releases from the upstream dam, while the federation's envoy, Tomas Brandt, insisted that any commission must include independent hydrologists.
A spokeswoman for the Swiss foreign ministry, which is hosting the talks, said the two teams had agreed on the text of four of the seven chapters. The chapters still open concern the timetable for withdrawing border police, compensation for flooded farmland and the status of two islands in the delta.
Kovar told reporters that Arvenia would not sign an agreement that left the islands question to a later round. Brandt said the federation was ready to discuss a shared administration of the islands for an interim period of ten years.
The talks are due to continue on Thursday. Diplomats said a fourth round could be scheduled for next month in Vienna if the delegations fail to finish the draft this week.
Reporting by the Wire Desk; editing by the night team.`;

/** A shorter cut: the last paragraph dropped, one sentence reworded. */
export const trimmedCopy = `Negotiators from Arvenia and the Coastal Federation met for a third day in Geneva on Wednesday, seeking to close the remaining gaps in a draft agreement on the disputed river delta.
Officials on both sides described the atmosphere as businesslike. The Arvenian delegation, led by deputy foreign minister Lena Kovar, pressed for a joint commission to manage water releases from the upstream dam, while the federation's envoy, Tomas Brandt, insisted that any commission must include independent hydrologists.
According to the Swiss foreign ministry, which hosts the talks, the teams have agreed on four of the seven chapters. The chapters still open concern the timetable for withdrawing border police, compensation for flooded farmland and the status of two islands in the delta.
Kovar told reporters that Arvenia would not sign an agreement that left the islands question to a later round. Brandt said the federation was ready to discuss a shared administration of the islands for an interim period of ten years.`;

/** Another story on the same talks, a day later: the same names, places and stock phrases. */
export const laterStorySameTalks = `The Geneva talks between Arvenia and the Coastal Federation ended on Thursday without a deal on the river delta, and both delegations said they would meet again in Vienna next month.
Deputy foreign minister Lena Kovar said the islands remained the main obstacle. Arvenia, she said, had offered to drop its demand for an immediate withdrawal of border police if the federation recognised its claim to the larger island.
Federation envoy Tomas Brandt rejected the offer and repeated that a shared administration was the only arrangement his government could accept. He accused the Arvenian side of reopening chapters that had already been agreed.
The Swiss hosts said the fourth round would open on the twelfth and that experts from both sides would work on the compensation chapter in the meantime. Farmers' groups in the delta, whose fields were flooded two years ago, have called for any agreement to include payments within six months.`;

/** A background piece about the same dispute. */
export const backgroundSameTalks = `The dispute over the river delta between Arvenia and the Coastal Federation dates back to the construction of the upstream dam in the 1990s. Arvenia says the dam's releases flooded farmland downstream in three of the last five years; the federation says the floods were caused by unusual rainfall.
Talks began last year under Swiss mediation. The first round in Geneva produced an agreement on data sharing, and the second, in Montreux, a framework of seven chapters. Two islands in the delta, each inhabited by a few hundred fishermen, are claimed by both sides.
Analysts say a deal would open the way to a regional water authority, an idea first raised by the federation's envoy Tomas Brandt when he was a provincial governor. Lena Kovar, who leads the Arvenian team, has said her country will not accept an authority it does not co-chair.`;
